// settings:* channels. The sessions folder is only ever one the user picked in main's
// dialog: every folder in it becomes a session id the renderer can name.
import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import type { DomainHandlers, ShellPorts } from '../ipc/handler-types'
import type { SettingsService } from '../services/settings-service'

export function settingsHandlers(
  settings: SettingsService,
  runs: { refreshQueue(): void },
  shell: Pick<ShellPorts, 'pickOpenPath'>
): DomainHandlers<'settings'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => {
      const next = settings.set(patch)
      // A raised concurrency limit starts queued runs now, not when a running one ends.
      if (patch.maxConcurrentRuns !== undefined) runs.refreshQueue()
      return next
    },
    'settings:choose-sessions-dir': async () => {
      const dir = await shell.pickOpenPath({ title: 'Choose the folder for sessions', directory: true })
      if (dir === null) return null
      const info = await stat(dir).catch(() => null)
      if (!info?.isDirectory()) throw new AppError('not-found', `${dir} is not a folder`, { path: dir })
      return settings.setSessionsDir(dir)
    }
  }
}
