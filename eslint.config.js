import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const nodeAndElectron = {
  paths: [
    { name: 'electron', message: 'shared and renderer code must not import Electron' },
    ...['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'worker_threads', 'stream', 'zlib', 'http', 'https', 'net'].map(
      (name) => ({ name, message: 'shared and renderer code must not import Node modules' })
    )
  ],
  patterns: [{ group: ['node:*'], message: 'shared and renderer code must not import Node modules' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off'
    }
  },
  {
    files: ['src/shared/**/*.ts', 'src/renderer/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', nodeAndElectron] }
  },
  {
    // The engine runs in a utility process, the CLI and tests: never Electron, never Vue.
    files: ['src/engine/**/*.ts', 'src/main/services/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'engine and services run without Electron' }, { name: 'vue', message: 'no Vue here' }] }
      ]
    }
  }
)
