import type { DomainHandlers } from '../ipc/handler-types'
import type { SettingsService } from '../services/settings-service'

export function settingsHandlers(settings: SettingsService): DomainHandlers<'settings'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => settings.set(patch)
  }
}
