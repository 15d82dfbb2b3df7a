// The whole handler table, from the services. Main binds it to ipcMain; the e2e harness
// binds the same table to Playwright.
import type { HandlerTable } from '../ipc/handler-types'
import type { AppServices } from '../services/services'
import { appHandlers } from './app-handlers'
import { datasetsHandlers } from './datasets-handlers'
import { experimentsHandlers } from './experiments-handlers'
import { runsHandlers } from './runs-handlers'
import { sessionsHandlers } from './sessions-handlers'
import { settingsHandlers } from './settings-handlers'
import { sweepsHandlers } from './sweeps-handlers'

export function createHandlerTable(services: AppServices): HandlerTable {
  return {
    ...appHandlers({ info: services.info, probeBackends: services.probeBackends }),
    ...datasetsHandlers(services.datasets, services.shell),
    ...experimentsHandlers(),
    ...runsHandlers(services.runs),
    ...sessionsHandlers(services.sessions, services.shell),
    ...settingsHandlers(services.settings, services.runs, services.shell),
    ...sweepsHandlers(services.sweeps)
  }
}
