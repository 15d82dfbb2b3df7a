import { dirname, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

// electron-vite turns `import p from './entry?modulePath'` into a bundle path; under vitest the
// import must give the module's path without running it (main's wiring test loads main).
function modulePath(): Plugin {
  const prefix = '\0module-path:'
  return {
    name: 'pseudoscope:module-path',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.endsWith('?modulePath') || !importer) return null
      return prefix + resolve(dirname(importer), id.slice(0, -'?modulePath'.length))
    },
    load(id) {
      return id.startsWith(prefix) ? `export default ${JSON.stringify(id.slice(prefix.length))}` : null
    }
  }
}

export default defineConfig({
  plugins: [modulePath()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Inlined so the wiring test's stand-in for 'electron' reaches electron-store too.
    server: { deps: { inline: ['electron-store'] } },
    // Source errors are npm run typecheck's job; this pass checks the type-level tests.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.node.json', ignoreSourceErrors: true }
  }
})
