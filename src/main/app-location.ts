// Where the app's own pages live: the built index.html on disk, or the dev server in
// `electron-vite dev`. Senders, navigations and redirects are checked against it.
import { pathToFileURL } from 'node:url'

export type AppLocation = { kind: 'file'; indexPath: string } | { kind: 'dev'; url: string }

export function appLocationFrom(devServerUrl: string | undefined, indexPath: string): AppLocation {
  return devServerUrl ? { kind: 'dev', url: devServerUrl } : { kind: 'file', indexPath }
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
  const own = pathToFileURL(location.indexPath)
  return parsed.protocol === 'file:' && parsed.host === '' && parsed.pathname === own.pathname
}
