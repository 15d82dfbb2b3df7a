// The renderer's one door to main: everything else imports `api` from here.
import { buildBridge, unwrapBridge, type PseudoscopeApi, type PseudoscopeBridge } from '../../../shared/contract'

/** Without the preload (a page opened outside the app) every call answers a clear error. */
function missingBridge(): PseudoscopeBridge {
  return buildBridge(
    async () => ({ ok: false, error: { code: 'internal', message: 'window.pseudoscope is missing: the preload did not run' } }),
    () => () => undefined
  )
}

export const api: PseudoscopeApi = unwrapBridge(window.pseudoscope ?? missingBridge())
