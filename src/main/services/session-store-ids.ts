// Session ids are opaque and stable: the folder name for sessions under the sessions
// folder, '@' and a hash of the absolute path for folders imported from elsewhere. They are
// only ever resolved through a listing, never joined into a path.
import { createHash } from 'node:crypto'
import { basename, dirname, resolve } from 'node:path'

export function sessionIdForPath(dir: string, sessionsDir: string): string {
  const absolute = resolve(dir)
  if (dirname(absolute) === resolve(sessionsDir)) return basename(absolute)
  return `@${createHash('sha256').update(absolute).digest('hex').slice(0, 16)}`
}

/** A folder-name-safe slug of a session name ('Quick MNIST' -> 'quick-mnist'). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
  return slug || 'session'
}

/** '2026-11-27_22-41-05' in UTC: sorts by time, safe on every file system. */
export function timestampSlug(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', '_').replace(/:/g, '-')
}
