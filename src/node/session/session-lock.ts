// One writer per session folder: the trainer (CLI or the app's worker) holds session.lock
// while it writes. The file names its owner (pid, host) and its mtime is a heartbeat. A lock
// whose process is gone (kill -9, a crash) is stale and taken over; on another host, where
// a pid cannot be checked, a heartbeat older than HOST_STALE_MS is. The folder may come from
// elsewhere: a lock that is a symlink or a FIFO is refused, never followed or waited on.
import { randomBytes } from 'node:crypto'
import { lstat, lutimes, open, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { LOCK_FILE } from './layout'
import { isKindRefusal, readUntrustedText } from './untrusted-fs'

const HEARTBEAT_MS = 5_000
const HOST_STALE_MS = 60_000
/** An empty lock this young is being written by its taker, not left by a crash. */
const FRESH_MS = 5_000
/** An owner is one line of JSON. */
const MAX_LOCK_BYTES = 64 * 1024

const LockOwnerSchema = z.object({ pid: z.number().int().positive(), host: z.string(), since: z.number(), token: z.string() })
export type LockOwner = z.infer<typeof LockOwnerSchema>

export const lockPath = (dir: string): string => join(dir, LOCK_FILE)

/** The live owner of the folder's lock, or null when it is free or stale; session-corrupt when not a regular file. */
export async function lockHolder(dir: string, now: number = Date.now()): Promise<LockOwner | null> {
  const path = lockPath(dir)
  const info = await lstat(path).catch(() => null)
  if (!info) return null
  const text = await readUntrustedText(path, MAX_LOCK_BYTES).catch((error: unknown) => {
    if (isKindRefusal(error)) throw error
    return null
  })
  const owner = text === null ? null : parseOwner(text)
  if (!owner?.success) {
    return now - info.mtimeMs < FRESH_MS ? { pid: 0, host: '?', since: info.mtimeMs, token: '' } : null
  }
  const held = owner.data.host === hostname() ? processAlive(owner.data.pid) : now - info.mtimeMs < HOST_STALE_MS
  return held ? owner.data : null
}

function parseOwner(text: string): ReturnType<typeof LockOwnerSchema.safeParse> | null {
  try {
    return LockOwnerSchema.safeParse(JSON.parse(text))
  } catch {
    return null
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class SessionLock {
  private timer: NodeJS.Timeout | null = null

  private constructor(
    readonly dir: string,
    readonly owner: LockOwner
  ) {}

  /** Takes the folder's lock, or refuses (AppError 'conflict') naming the run that holds it. */
  static async acquire(dir: string): Promise<SessionLock> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: Date.now(), token: randomBytes(8).toString('hex') }
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await createExclusive(lockPath(dir), `${JSON.stringify(owner)}\n`)) {
        const lock = new SessionLock(dir, owner)
        lock.startHeartbeat()
        return lock
      }
      const holder = await lockHolder(dir)
      if (holder) throw lockedError(dir, holder)
      await takeOverStale(dir)
    }
    throw new AppError('conflict', `cannot take the lock of ${dir}: another run keeps taking it`, { path: lockPath(dir) })
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    const text = await readUntrustedText(lockPath(this.dir), MAX_LOCK_BYTES).catch(() => '')
    // Only our own lock: after a takeover (we were presumed dead) it belongs to another run.
    if (text.includes(this.owner.token)) await rm(lockPath(this.dir), { force: true })
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => {
      const t = new Date()
      // lutimes: a lock swapped for a symlink gets no heartbeat through it.
      void lutimes(lockPath(this.dir), t, t).catch(() => undefined)
    }, HEARTBEAT_MS)
    this.timer.unref()
  }
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw new AppError('io-error', `cannot create ${path}: ${(error as Error).message}`, { path })
  }
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

/** Moves a stale lock aside; two takers at once are serialised by an exclusive marker file. */
async function takeOverStale(dir: string): Promise<void> {
  const marker = `${lockPath(dir)}.takeover`
  if (!(await createExclusive(marker, String(process.pid)))) {
    const info = await lstat(marker).catch(() => null)
    // A marker left by a taker that died mid-takeover.
    if (info && Date.now() - info.mtimeMs > FRESH_MS) await rm(marker, { force: true })
    await new Promise((resolve) => setTimeout(resolve, 50))
    return
  }
  try {
    if ((await lockHolder(dir)) === null) {
      const aside = `${lockPath(dir)}.stale-${randomBytes(4).toString('hex')}`
      await rename(lockPath(dir), aside).catch(() => undefined)
      await rm(aside, { force: true })
    }
  } finally {
    await rm(marker, { force: true })
  }
}

function lockedError(dir: string, holder: LockOwner): AppError {
  const who = holder.pid === 0 ? 'a run that is starting' : `process ${holder.pid} on ${holder.host}, since ${new Date(holder.since).toISOString()}`
  return new AppError(
    'conflict',
    `${dir} is in use by another run (${who}); wait for it to end or stop it. If no such process is running, delete ${lockPath(dir)}`,
    { path: lockPath(dir), pid: holder.pid, host: holder.host }
  )
}
