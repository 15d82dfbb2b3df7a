// session.json: read with a version check, migrate older schemas, update atomically.
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AppError } from '../../shared/errors'
import { SESSION_SCHEMA_VERSION, SessionManifestFileSchema, type SessionManifest } from '../../shared/sessions'
import { atomicWriteFile } from './atomic'
import { sessionPaths } from './layout'
import { readUntrustedText } from './untrusted-fs'

/** session.json holds a config, segments and snapshot steps: kilobytes. More is not a manifest. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024

export type RawManifest = Record<string, unknown>
/** Turns a manifest of schema N into one of schema N + 1 (keyed by N). */
export type ManifestMigration = (manifest: RawManifest) => RawManifest

/** Empty while schema 1 is the only one; an entry per bump keeps old sessions loading. */
export const MANIFEST_MIGRATIONS: Readonly<Record<number, ManifestMigration>> = {}

export function migrateManifest(
  raw: RawManifest,
  path: string,
  migrations: Readonly<Record<number, ManifestMigration>> = MANIFEST_MIGRATIONS,
  current: number = SESSION_SCHEMA_VERSION
): RawManifest {
  const version = raw.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new AppError('session-corrupt', `${path}: schemaVersion is missing or not a whole number`, { path })
  }
  if (version > current) {
    throw new AppError(
      'session-unsupported-version',
      `${path} was written by a newer Pseudoscope (schema ${version}); this version reads up to ${current}`,
      { path, schemaVersion: version, supported: current }
    )
  }
  let manifest = raw
  for (let v = version; v < current; v++) {
    const migrate = migrations[v]
    if (!migrate) {
      throw new AppError(
        'session-unsupported-version',
        `${path} was written by an older Pseudoscope (schema ${version}) that this version cannot read: no migration from schema ${v} to ${v + 1} (this version reads schema ${current})`,
        { path, schemaVersion: version, supported: current }
      )
    }
    manifest = { ...migrate(manifest), schemaVersion: v + 1 }
  }
  return manifest
}

/** Parses and checks a manifest's text; never touches the disk. */
export function parseManifest(
  text: string,
  path: string,
  migrations: Readonly<Record<number, ManifestMigration>> = MANIFEST_MIGRATIONS
): SessionManifest {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new AppError('session-corrupt', `${path} is not valid JSON (${(error as Error).message})`, { path })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as RawManifest).app !== 'pseudoscope') {
    throw new AppError('session-corrupt', `${path} is not a Pseudoscope session manifest (no "app": "pseudoscope")`, { path })
  }
  const parsed = SessionManifestFileSchema.safeParse(migrateManifest(raw as RawManifest, path, migrations))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('session-corrupt', `${path}: ${issue.path.map(String).join('.') || 'manifest'}: ${issue.message}`, {
      path,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
    })
  }
  return parsed.data
}

/**
 * Reads a session folder's manifest, as untrusted input (no symlink, no FIFO, size capped).
 * The folder itself is the caller's choice. Nothing on disk is modified.
 */
export async function readManifest(dir: string): Promise<SessionManifest> {
  const info = await stat(dir).catch(() => null)
  if (!info?.isDirectory()) throw new AppError('not-found', `session folder ${dir} does not exist`, { path: dir })
  const path = sessionPaths(dir).manifest
  let text: string
  try {
    text = await readUntrustedText(path, MAX_MANIFEST_BYTES)
  } catch (error) {
    if (error instanceof AppError) throw error
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new AppError(
      'session-corrupt',
      missing ? `${dir} is not a Pseudoscope session: it has no session.json` : `cannot read ${path}: ${(error as Error).message}`,
      { path }
    )
  }
  return parseManifest(text, path)
}

/** Refuses a manifest this version could not read back (AppError 'invalid-payload'). */
export function checkManifest(dir: string, manifest: SessionManifest): void {
  const parsed = SessionManifestFileSchema.safeParse(manifest)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid-payload', `session manifest for ${dir}: ${issue.path.map(String).join('.')}: ${issue.message}`, {
      path: sessionPaths(dir).manifest
    })
  }
}

export async function writeManifest(dir: string, manifest: SessionManifest): Promise<void> {
  checkManifest(dir, manifest)
  await atomicWriteFile(sessionPaths(dir).manifest, `${JSON.stringify(manifest, null, 2)}\n`)
}

const locks = new Map<string, Promise<unknown>>()

/** Read, change, write back atomically; updates of one folder in this process run one at a time. */
export function updateManifest(dir: string, change: (manifest: SessionManifest) => SessionManifest): Promise<SessionManifest> {
  const key = resolve(dir)
  const run = async (): Promise<SessionManifest> => {
    const next = { ...change(await readManifest(dir)), schemaVersion: SESSION_SCHEMA_VERSION }
    await writeManifest(dir, next)
    return next
  }
  const result = (locks.get(key) ?? Promise.resolve()).then(run, run)
  const tail = result.catch(() => undefined)
  locks.set(key, tail)
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key)
  })
  return result
}
