// Electron main: lifecycle plus setupX() calls. Everything with logic lives in services.
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron'
import { appLocationFrom } from './app-location'
import { ElectronStoreSettings } from './electron-store-settings'
import { createHandlerTable } from './handlers'
import type { EventSink } from './ipc/handler-types'
import { IMAGE_SCHEME } from './services/image-url'
import { RendererFiles } from './services/renderer-files'
import { createServices, type AppServices } from './services/services'
import { CSP } from './csp'
import { setupIpc } from './setup-ipc'
import { registerImageScheme, setupProtocol } from './setup-protocol'
import { setupSecurity } from './setup-security'
import { createMainWindow } from './setup-window'
import { setupWorkers } from './setup-workers'
import { electronShellPorts } from './shell-ports'

const SHUTDOWN_TIMEOUT_MS = 8000

// The dev server URL counts only in development: a packaged app never loads a URL from the environment.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const location = appLocationFrom(devServerUrl, join(import.meta.dirname, '../renderer'))
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let mainWindow: BrowserWindow | null = null
const getWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null)

const sendToWindow: EventSink = (event, payload) => getWindow()?.webContents.send(event, payload)

function openWindow(services: AppServices): void {
  mainWindow = createMainWindow(services.settings, location, preloadPath)
  mainWindow.on('closed', () => (mainWindow = null))
}

function setupLifecycle(services: AppServices): void {
  let stopped = false
  app.on('before-quit', (event) => {
    if (stopped) return
    // Give running workers a bounded chance to checkpoint, then quit for real.
    event.preventDefault()
    stopped = true
    void services
      .shutdown(SHUTDOWN_TIMEOUT_MS)
      .catch((error: unknown) => console.error('[main] shutdown:', error))
      .finally(() => app.quit())
  })
  app.on('window-all-closed', () => app.quit())
  app.on('activate', () => {
    if (!getWindow()) openWindow(services)
  })
}

async function main(): Promise<AppServices | null> {
  // Privileged schemes must be registered before 'ready'.
  registerImageScheme(protocol)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return null
  }
  app.on('second-instance', () => {
    const window = getWindow()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  await app.whenReady()

  setupSecurity(app, session.defaultSession, location)
  const services = createServices({
    userDataDir: app.getPath('userData'),
    settingsStore: new ElectronStoreSettings(),
    spawner: setupWorkers(),
    events: sendToWindow,
    shell: electronShellPorts(getWindow),
    imageBaseUrl: `${IMAGE_SCHEME}://`,
    app: { name: app.getName(), version: app.getVersion() }
  })
  setupProtocol(protocol, services.images, location.kind === 'app' ? new RendererFiles(location.rendererDir, CSP) : null)
  setupIpc(ipcMain, createHandlerTable(services), getWindow, location)
  setupLifecycle(services)
  openWindow(services)
  return services
}

/** Resolves once the app is up (null when another instance owns the lock); tests await it. */
export const started = main().catch((error: unknown) => {
  console.error('[main] start-up failed:', error)
  app.quit()
  return null
})
