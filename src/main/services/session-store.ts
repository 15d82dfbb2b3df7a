// Sessions on disk: list, open, save-as, rename, delete (to the trash), CSV export and
// import. Ids resolve only through the listing; a corrupt or foreign folder is refused
// with a clear error and never modified.
import { cp, readdir, rename as renamePath, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { metricsToCsv } from '../../shared/analysis/metrics-csv'
import { AppError } from '../../shared/errors'
import type { SampleState } from '../../shared/metrics'
import { UiStateSchema, type SessionData, type SessionSummary, type UiState } from '../../shared/sessions'
import { atomicWriteFile, TEMP_PREFIX } from '../../node/session/atomic'
import { LOCK_FILE, sessionPaths } from '../../node/session/layout'
import { lockHolder } from '../../node/session/session-lock'
import { entryKind, isKindRefusal } from '../../node/session/untrusted-fs'
import { readEvals, readManifest, readSampleSnapshot, readSessionFolder, updateManifest } from '../../node/session/session-reader'
import type { EventSink } from '../ipc/handler-types'
import { FileSessionIndex, type SessionIndex } from './session-store-index'
import { sessionIdForPath, slugify, timestampSlug } from './session-store-ids'
import { lastMetricsStep, summarize } from './session-store-summary'

export interface SessionStoreDeps {
  sessionsDir: () => string
  /** Recent sessions (the settings service fits). */
  settings?: { addRecentSession(id: string): void; removeRecentSession(id: string): void }
  /** Moves a folder to the OS trash (shell.trashItem in the app). */
  trash: (path: string) => Promise<void>
  events: EventSink
  /** True while a run writes to the folder (the run manager's isSessionBusy). */
  isBusy?: (dir: string) => boolean
  /** Imported folders; defaults to a JSON file in the sessions folder. */
  index?: SessionIndex
  now?: () => number
  warn?: (message: string) => void
}

const INDEX_FILE = '.imported-sessions.json'

/** What save-as copies: real files and folders; a symlink or FIFO in the source refuses the copy. */
async function copyable(path: string): Promise<boolean> {
  if (path.endsWith(LOCK_FILE)) return false
  const kind = await entryKind(path)
  if (kind === 'symlink' || kind === 'special') {
    throw new AppError('session-corrupt', `${path} is ${kind === 'symlink' ? 'a symlink' : 'a special file (FIFO, device or socket)'}; a session holding one is not copied`, { path, found: kind })
  }
  return true
}

export class SessionStore {
  private readonly index: SessionIndex
  private readonly warn: (message: string) => void
  private readonly now: () => number

  constructor(private readonly deps: SessionStoreDeps) {
    this.warn = deps.warn ?? ((message) => console.warn(`[sessions] ${message}`))
    this.index = deps.index ?? new FileSessionIndex(() => join(deps.sessionsDir(), INDEX_FILE), this.warn)
    this.now = deps.now ?? Date.now
  }

  /** Every readable session, newest first; unreadable folders are skipped with a warning. */
  async list(): Promise<SessionSummary[]> {
    const out: SessionSummary[] = []
    for (const [id, dir] of await this.candidates()) {
      try {
        out.push(await this.summary(id, dir))
      } catch (error) {
        this.warn(`skipped ${dir}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt)
  }

  /** The folder of a listed session; anything else is 'not-found'. */
  async resolve(id: string): Promise<string> {
    const dir = (await this.candidates()).get(id)
    if (!dir) throw new AppError('not-found', `no session with id '${id}'`)
    return dir
  }

  /**
   * A listed folder that holds a valid session.json. Every change goes through this: the
   * sessions folder may hold other folders (a user's ~/Documents), and those are never touched.
   */
  private async resolveSession(id: string): Promise<string> {
    const dir = await this.resolve(id)
    await readManifest(dir)
    return dir
  }

  async open(id: string): Promise<SessionData> {
    const dir = await this.resolve(id)
    const folder = await readSessionFolder(dir)
    const lastStep = folder.metrics.length > 0 ? folder.metrics[folder.metrics.length - 1].step : 0
    this.deps.settings?.addRecentSession(id)
    return {
      summary: summarize(id, dir, folder.manifest, folder.evals, lastStep),
      manifest: folder.manifest,
      metrics: folder.metrics,
      evals: folder.evals,
      sweeps: folder.sweeps,
      ui: folder.ui,
      warnings: folder.warnings
    }
  }

  async samples(id: string, step: number | null): Promise<SampleState> {
    return readSampleSnapshot(await this.resolve(id), step)
  }

  async saveUi(id: string, ui: UiState): Promise<void> {
    const dir = await this.resolveSession(id)
    const valid = UiStateSchema.parse(ui)
    await atomicWriteFile(sessionPaths(dir).ui, `${JSON.stringify(valid, null, 2)}\n`)
  }

  /** Copies the whole folder under the sessions folder with a new name. */
  async saveAs(id: string, name: string): Promise<SessionSummary> {
    const source = await this.resolve(id)
    await this.refuseBusy(id, source, 'copy')
    await readManifest(source)
    const root = this.deps.sessionsDir()
    const target = await this.freeFolder(root, `${timestampSlug(this.now())}_${slugify(name)}`)
    // Copy into a temp name, fix the manifest, then rename: a half copy is never listed.
    const temp = join(root, `${TEMP_PREFIX}copy-${process.pid}-${Date.now()}`)
    try {
      await cp(source, temp, { recursive: true, errorOnExist: true, force: false, filter: (from) => copyable(from) })
      await updateManifest(temp, (manifest) => ({ ...manifest, name, updatedAt: this.now() }))
      await renamePath(temp, target)
    } catch (error) {
      await rm(temp, { recursive: true, force: true })
      throw error
    }
    const newId = sessionIdForPath(target, root)
    this.changed(newId)
    return this.summary(newId, target)
  }

  async rename(id: string, name: string): Promise<SessionSummary> {
    const dir = await this.resolveSession(id)
    await this.refuseBusy(id, dir, 'rename')
    await updateManifest(dir, (manifest) => ({ ...manifest, name, updatedAt: this.now() }))
    this.changed(id)
    return this.summary(id, dir)
  }

  async delete(id: string): Promise<void> {
    const dir = await this.resolveSession(id)
    await this.refuseBusy(id, dir, 'delete')
    await this.deps.trash(dir)
    await this.index.remove(dir)
    this.deps.settings?.removeRecentSession(id)
    this.changed(null)
  }

  async exportCsv(id: string, path: string): Promise<{ path: string }> {
    const dir = await this.resolveSession(id)
    const folder = await readSessionFolder(dir)
    const target = resolve(path)
    await atomicWriteFile(target, metricsToCsv(folder.metrics, folder.evals))
    return { path: target }
  }

  /** Adds a session folder from anywhere (e.g. written by the CLI); it must hold a valid session.json. */
  async import(path: string): Promise<SessionSummary> {
    const dir = resolve(path)
    const info = await stat(dir).catch(() => null)
    if (!info?.isDirectory()) throw new AppError('not-found', `${dir} is not a folder`)
    await readManifest(dir)
    const id = sessionIdForPath(dir, this.deps.sessionsDir())
    if (id.startsWith('@')) await this.index.add(dir)
    this.deps.settings?.addRecentSession(id)
    this.changed(id)
    return this.summary(id, dir)
  }

  private async summary(id: string, dir: string): Promise<SessionSummary> {
    const manifest = await readManifest(dir)
    // A damaged evals log still lists; a symlink or FIFO in its place does not.
    const evals = await readEvals(dir).catch((error: unknown) => {
      if (isKindRefusal(error)) throw error
      return []
    })
    return summarize(id, dir, manifest, evals, await lastMetricsStep(dir))
  }

  /** id -> folder, from the sessions folder's entries and the import index only. */
  private async candidates(): Promise<Map<string, string>> {
    const root = this.deps.sessionsDir()
    const map = new Map<string, string>()
    const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) map.set(entry.name, join(root, entry.name))
    }
    for (const dir of await this.index.importedPaths()) {
      const id = sessionIdForPath(dir, root)
      if (!map.has(id)) map.set(id, resolve(dir))
    }
    return map
  }

  private async freeFolder(root: string, base: string): Promise<string> {
    for (let n = 1; n < 1000; n++) {
      const dir = join(root, n === 1 ? base : `${base}-${n}`)
      if (!(await stat(dir).catch(() => null))) return dir
    }
    throw new AppError('already-exists', `no free folder name for ${base} in ${root}`)
  }

  /** A run of this app, or one holding the folder's lock (e.g. the CLI), writes to it. */
  private async refuseBusy(id: string, dir: string, verb: string): Promise<void> {
    const holder = this.deps.isBusy?.(dir) ? null : await lockHolder(dir)
    if (this.deps.isBusy?.(dir) || holder) {
      const who = holder ? ` (process ${holder.pid} on ${holder.host})` : ''
      throw new AppError('conflict', `cannot ${verb} session ${id} while a run${who} writes to it; stop the run first`)
    }
  }

  private changed(sessionId: string | null): void {
    this.deps.events('sessions:changed', { sessionId })
  }
}
