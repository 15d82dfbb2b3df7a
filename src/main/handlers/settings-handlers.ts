import type { DomainHandlers } from '../ipc/handler-types'
import type { SettingsService } from '../services/settings-service'

export function settingsHandlers(
  settings: SettingsService,
  runs: { refreshQueue(): void }
): DomainHandlers<'settings'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => {
      const next = settings.set(patch)
      // A raised concurrency limit starts queued runs now, not when a running one ends.
      if (patch.maxConcurrentRuns !== undefined) runs.refreshQueue()
      return next
    }
  }
}
