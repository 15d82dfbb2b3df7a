// Binds the handler table; a call counts only from the main frame of the app window
// showing the app's own page.
import type { BrowserWindow, IpcMain } from 'electron'
import { isAppUrl, type AppLocation } from './app-location'
import { bindHandlers, type SenderFrame } from './ipc/handle'
import type { HandlerTable } from './ipc/handler-types'

export function isTrustedFrame(frame: SenderFrame, window: BrowserWindow | null, location: AppLocation): boolean {
  if (!window || window.isDestroyed()) return false
  const own = window.webContents.mainFrame
  return frame.processId === own.processId && frame.routingId === own.routingId && isAppUrl(frame.url, location)
}

export function setupIpc(
  ipcMain: IpcMain,
  table: HandlerTable,
  getWindow: () => BrowserWindow | null,
  location: AppLocation
): void {
  bindHandlers(ipcMain, table, (frame) => isTrustedFrame(frame, getWindow(), location))
}
