/// <reference types="vite/client" />
import type { PseudoscopeBridge } from '../../shared/contract'

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e harness): outcomes, never thrown errors. */
    pseudoscope: PseudoscopeBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
