// The one app window: locked down, restored to its last bounds, saving them as it moves.
import { BrowserWindow, screen } from 'electron'
import { appIconPath } from './app-icon'
import type { AppLocation } from './app-location'
import type { SettingsService, WindowBounds } from './services/settings-service'

export const WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false
} as const

const SAVE_DELAY_MS = 500

/** Bounds are reused only if they still overlap a display (monitors come and go). */
function visibleBounds(bounds: WindowBounds | null): WindowBounds | null {
  if (!bounds) return null
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) =>
    bounds.x < a.x + a.width && bounds.x + bounds.width > a.x && bounds.y < a.y + a.height && bounds.y + bounds.height > a.y
  )
  return onScreen ? bounds : null
}

export function createMainWindow(settings: SettingsService, location: AppLocation, preloadPath: string): BrowserWindow {
  const bounds = visibleBounds(settings.windowBounds())
  const window = new BrowserWindow({
    ...(bounds ?? { width: 1280, height: 820 }),
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Pseudoscope',
    icon: appIconPath(import.meta.dirname),
    backgroundColor: '#111418',
    webPreferences: { ...WINDOW_WEB_PREFERENCES, preload: preloadPath }
  })
  window.once('ready-to-show', () => window.show())

  let timer: ReturnType<typeof setTimeout> | null = null
  const save = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!window.isDestroyed() && !window.isMinimized() && !window.isFullScreen()) {
      settings.setWindowBounds(window.getNormalBounds())
    }
  }
  const saveSoon = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, SAVE_DELAY_MS)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('close', save)

  void window.loadURL(location.url)
  return window
}
