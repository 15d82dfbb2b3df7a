import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const engineSide = [{ name: 'electron', message: 'engine and services run without Electron' }, { name: 'vue', message: 'no Vue here' }]

const nodeAndElectron = {
  paths: [
    { name: 'electron', message: 'shared and renderer code must not import Electron' },
    ...['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'worker_threads', 'stream', 'zlib', 'http', 'https', 'net'].map(
      (name) => ({ name, message: 'shared and renderer code must not import Node modules' })
    )
  ],
  patterns: [{ group: ['node:*'], message: 'shared and renderer code must not import Node modules' }]
}

// Dawn (an N-API addon that holds the GPU) loads only in the training process, and only
// through src/engine/backend/webgpu*.ts: never in main, the preload or the renderer.
const WEBGPU_MODULES = ['webgpu', '@tensorflow/tfjs-backend-webgpu']
const webgpuPaths = WEBGPU_MODULES.map((name) => ({ name, message: 'load WebGPU only through src/engine/backend/webgpu.ts (training process)' }))
const webgpuDynamicImports = WEBGPU_MODULES.map((name) => ({
  selector: `ImportExpression[source.value='${name}']`,
  message: 'load WebGPU only through src/engine/backend/webgpu.ts (training process)'
}))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'resources/**', 'docs/.vitepress/dist/**', 'docs/.vitepress/cache/**'] },
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
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-syntax': ['error', ...webgpuDynamicImports]
    }
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: webgpuPaths }] }
  },
  {
    files: ['src/shared/**/*.ts', 'src/renderer/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', { ...nodeAndElectron, paths: [...nodeAndElectron.paths, ...webgpuPaths] }] }
  },
  {
    // The engine runs in a utility process, the CLI and tests: never Electron, never Vue.
    files: ['src/engine/**/*.ts', 'src/main/services/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...engineSide, ...webgpuPaths] }
      ]
    }
  },
  {
    // Node libraries that main, the training worker and the CLI all use (sessions on disk,
    // datasets): no Electron, no Vue, no tfjs, and nothing from the layers above them.
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...engineSide, ...webgpuPaths, { name: '@tensorflow/tfjs', message: 'tensor code belongs in src/engine' }],
          patterns: [{ group: ['**/engine/**', '**/main/**', '**/renderer/**', '**/cli/**'], message: 'src/node sits below engine, main and the CLI' }]
        }
      ]
    }
  },
  {
    files: ['src/engine/backend/webgpu*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: engineSide }], 'no-restricted-syntax': 'off' }
  },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } }
)
