// Files inside session and sweep folders are untrusted input: someone else may have written
// the folder (a colleague's zip, a cluster's NFS). Each file is opened without following a
// symlink and without blocking, and must be a regular file; each folder on the way down from
// the folder's root must be a real folder. A FIFO, device or socket is refused at once
// instead of hanging the reader, and a symlink never takes a read or write elsewhere.
import { constants } from 'node:fs'
import { lstat, open, type FileHandle } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { AppError } from '../../shared/errors'

// Windows has neither flag; there the lstat checks below carry the rule alone.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const NON_BLOCK = constants.O_NONBLOCK ?? 0

const kindOf = (info: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string =>
  info.isSymbolicLink() ? 'a symlink' : info.isDirectory() ? 'a folder' : info.isFile() ? 'a file' : 'a special file (FIFO, device or socket)'

const refuse = (path: string, what: string, found: string): AppError =>
  new AppError('session-corrupt', `${path} must be ${what}, but is ${found}; refused (folders written elsewhere are read as untrusted)`, {
    path,
    found
  })

/**
 * Opens a regular file for reading: no symlink (O_NOFOLLOW), no wait on a FIFO (O_NONBLOCK),
 * and refused unless fstat says regular file. ENOENT passes through for callers that treat a
 * missing file as empty.
 */
export async function openUntrustedFile(path: string): Promise<FileHandle> {
  const before = await lstat(path)
  if (!before.isFile()) throw refuse(path, 'a regular file', kindOf(before))
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK)
  } catch (error) {
    // ELOOP: swapped for a symlink between lstat and open.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw refuse(path, 'a regular file', 'a symlink')
    throw error
  }
  const info = await handle.stat()
  if (!info.isFile()) {
    await handle.close()
    throw refuse(path, 'a regular file', kindOf(info))
  }
  return handle
}

/** A whole regular file, refused (session-corrupt) when larger than maxBytes. */
export async function readUntrustedFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await openUntrustedFile(path)
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) {
      throw new AppError('session-corrupt', `${path} is ${size} bytes, more than the ${maxBytes} this file may hold; refused`, { path, size, maxBytes })
    }
    // Read at most maxBytes + 1 even if the file grew after fstat.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1)
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    if (filled > maxBytes) throw new AppError('session-corrupt', `${path} grew past ${maxBytes} bytes while read; refused`, { path, maxBytes })
    return buffer.subarray(0, filled)
  } finally {
    await handle.close()
  }
}

export async function readUntrustedText(path: string, maxBytes: number): Promise<string> {
  return (await readUntrustedFile(path, maxBytes)).toString('utf8')
}

/** readUntrustedFile for a file nested below root: no folder on the way may be a symlink. */
export async function readFileBelow(root: string, path: string, maxBytes: number): Promise<Buffer> {
  await assertNoSymlinkBelow(root, path)
  return readUntrustedFile(path, maxBytes)
}

/** True for this module's refusals of a symlink or a special file (not for damaged contents). */
export function isKindRefusal(error: unknown): boolean {
  if (!(error instanceof AppError) || error.code !== 'session-corrupt') return false
  const details = error.details
  return typeof details === 'object' && details !== null && typeof (details as { found?: unknown }).found === 'string'
}

/** What lstat says is at path, without following a symlink; 'missing' when nothing is. */
export async function entryKind(path: string): Promise<'file' | 'folder' | 'symlink' | 'special' | 'missing'> {
  try {
    const info = await lstat(path)
    return info.isSymbolicLink() ? 'symlink' : info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'special'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}

/**
 * Refuses a path below root that climbs out of it or passes through a symlink or a
 * non-folder on the way; the last entry may be missing (about to be created) or a file.
 * Root itself is the caller's choice and is not checked.
 */
export async function assertNoSymlinkBelow(root: string, path: string): Promise<void> {
  const rel = relative(root, path)
  if (rel === '') return
  if (rel.startsWith('..') || isAbsolute(rel)) throw new AppError('session-corrupt', `${path} is outside ${root}; refused`, { path, root })
  const parts = rel.split(sep)
  let current = root
  for (const [i, part] of parts.entries()) {
    current = join(current, part)
    const kind = await entryKind(current)
    if (kind === 'missing') return
    const last = i === parts.length - 1
    if (kind === 'symlink' || kind === 'special' || (!last && kind !== 'folder')) {
      throw refuse(current, last ? 'a real file or folder' : 'a real folder', kind === 'symlink' ? 'a symlink' : kind === 'special' ? 'a special file (FIFO, device or socket)' : 'a file')
    }
  }
}
