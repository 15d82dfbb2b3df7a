// The renderer's Content-Security-Policy, one string for both places it is served: main's
// response header and the meta tag the build writes into index.html (electron.vite.config.ts).
// No test-only origin belongs here: the e2e harness serves images from the page's own origin.
import { IMAGE_SCHEME } from './services/image-url'

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${IMAGE_SCHEME}:`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** Where the build puts CSP in src/renderer/index.html. */
export const CSP_PLACEHOLDER = '%PSEUDOSCOPE_CSP%'
