// The renderer's one door to main: everything else imports `api` from here.
import { unwrapBridge, type PseudoscopeApi } from '../../../shared/contract'

export const api: PseudoscopeApi = unwrapBridge(window.pseudoscope)
