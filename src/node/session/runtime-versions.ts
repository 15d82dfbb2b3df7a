// The versions a session records in session.json ("versions"), the same from the CLI and the app.
import { version as APP_VERSION } from '../../../package.json'

/**
 * The app, Node and V8, and Electron and Chromium when running inside them. `extra` adds what
 * only the caller knows: the training process adds tfjs (main never loads it).
 */
export function runtimeVersions(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const versions: Record<string, string> = { pseudoscope: APP_VERSION, node: process.versions.node, v8: process.versions.v8 }
  for (const key of ['electron', 'chrome'] as const) {
    const value = (process.versions as Record<string, string | undefined>)[key]
    if (value) versions[key] = value
  }
  return { ...versions, ...extra }
}
