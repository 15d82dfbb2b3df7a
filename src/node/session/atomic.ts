// Crash-safe file writes: a reader sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'

/** Temp files start with this, so a folder scan can recognize and ignore them. */
export const TEMP_PREFIX = '.tmp-'

export function tempPathFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}`)
}

/** Writes a temp file in the same folder, fsyncs it, then renames it over `path`. */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path)
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await renameWithRetry(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDir(dirname(path))
}

/** Windows refuses a rename while another process briefly holds the target (virus scanners, readers). */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= 8 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt))
    }
  }
}

/** Makes a rename durable; folders cannot be opened for sync everywhere (Windows), so best effort. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // not supported on this platform
  }
}

// O_NOFOLLOW: a log that is a symlink (an imported session pointing metrics.jsonl elsewhere)
// is refused instead of appending to whatever it names. O_NONBLOCK: a FIFO with no reader
// fails at once (ENXIO) instead of blocking the open; one with a reader fails the fstat check.
// Windows has neither flag (0).
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** Appends whole lines in one write; each line gets its '\n'. Only to a regular file, never through a symlink. */
export async function appendLines(path: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return
  let handle
  try {
    handle = await open(path, APPEND_FLAGS, 0o644)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw new AppError('session-corrupt', `${path} is a symbolic link; a session only appends to its own files`, { path })
    if (code === 'ENXIO') throw notRegular(path)
    throw error
  }
  try {
    if (!(await handle.stat()).isFile()) throw notRegular(path)
    await handle.appendFile(lines.join('\n') + '\n')
  } finally {
    await handle.close()
  }
}

const notRegular = (path: string): AppError =>
  new AppError('session-corrupt', `${path} is not a regular file (a FIFO, device or socket); a session only appends to its own files`, { path })
