// Where the app's own pages live: the built renderer served as pseudoscope://app/ (see
// services/renderer-files.ts), or the dev server in `electron-vite dev`. Senders,
// navigations and redirects are checked against it.
import { APP_HOST } from './services/renderer-files'
import { IMAGE_SCHEME } from './services/image-url'

export type AppLocation = { kind: 'app'; rendererDir: string; url: string } | { kind: 'dev'; url: string }

export function appLocationFrom(devServerUrl: string | undefined, rendererDir: string): AppLocation {
  return devServerUrl ? { kind: 'dev', url: devServerUrl } : { kind: 'app', rendererDir, url: `${IMAGE_SCHEME}://${APP_HOST}/index.html` }
}

/** True only for the app's own page (any hash or query), never for other files or origins. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin
  const own = new URL(location.url)
  return parsed.protocol === own.protocol && parsed.host === own.host && parsed.pathname === own.pathname
}
