import type { BackendProbe } from '../../shared/backends'
import type { AppInfo } from '../../shared/contract'
import type { DomainHandlers } from '../ipc/handler-types'

export interface AppHandlerDeps {
  info: () => AppInfo
  /** The real probe, loaded lazily so main does not pull in tfjs until asked. */
  probeBackends: () => Promise<BackendProbe[]>
}

export function appHandlers(deps: AppHandlerDeps): DomainHandlers<'app'> {
  let probe: Promise<BackendProbe[]> | null = null
  return {
    'app:info': async () => deps.info(),
    'app:backends': async () => {
      // Probing loads native modules: do it once per process, and retry after a failure.
      probe ??= deps.probeBackends().catch((error: unknown) => {
        probe = null
        throw error
      })
      return probe
    }
  }
}
