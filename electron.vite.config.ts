import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { CSP, CSP_PLACEHOLDER } from './src/main/csp'

/** Writes main's CSP into index.html's meta tag, so the header and the page never differ. */
function injectCsp(): Plugin {
  return {
    name: 'pseudoscope:csp',
    transformIndexHtml: (html) => {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html lacks ${CSP_PLACEHOLDER}`)
      return html.replace(CSP_PLACEHOLDER, CSP)
    }
  }
}

// One key per process. The training worker is a separate bundle, reached from
// main through `import workerPath from '...?modulePath'`.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file with everything bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [vue(), injectCsp()],
    // vue-i18n's bundler flags: composition API only, messages compiled without eval (CSP).
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') }
      }
    }
  }
})
