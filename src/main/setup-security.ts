// Electron's security checklist, applied once for every web contents: CSP header, no
// navigation away from the app, no new windows, no webviews, every permission denied.
import type { App, Session } from 'electron'
import { isAppUrl, type AppLocation } from './app-location'
import { CSP } from './csp'

export function setupSecurity(app: App, session: Session, location: AppLocation): void {
  // The dev server sends its own headers and needs inline HMR; the built app gets ours.
  if (location.kind === 'app') {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
    })
  }
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, location)) event.preventDefault()
    })
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, location)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
