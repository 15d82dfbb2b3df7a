// Crash-safe file writes: a reader sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto'
import { appendFile, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

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

/** Appends whole lines in one write; each line gets its '\n'. */
export async function appendLines(path: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return
  await appendFile(path, lines.join('\n') + '\n')
}
