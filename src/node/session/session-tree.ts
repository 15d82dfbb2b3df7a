// Before a writer opens a session folder someone else may have written (a copy, a zip, NFS),
// every entry it will read, rewrite or delete must be what the layout says: a real file or a
// real folder. A symlink would take a delete or a new snapshot folder elsewhere; a FIFO would
// block a read forever. Entries the layout does not name are never touched, so not judged.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { CHECKPOINT_DIR, LOG_FILES, MANIFEST_FILE, SAMPLES_DIR, SWEEPS_DIR, UI_FILE } from './layout'
import { entryKind } from './untrusted-fs'

const ROOT_FILES = [MANIFEST_FILE, ...LOG_FILES, UI_FILE]
const ROOT_FOLDERS = [SAMPLES_DIR, SWEEPS_DIR, CHECKPOINT_DIR, `${CHECKPOINT_DIR}.old`]
/** samples/<step>/x.npy and sweeps/<step>/<model>/x.npy: deeper is not the layout. */
const MAX_DEPTH = 3
/** Twenty snapshots of nine files are a few hundred entries; far more is not a session. */
const MAX_ENTRIES = 100_000

const FOUND = { symlink: 'a symlink', special: 'a special file (FIFO, device or socket)', folder: 'a folder', file: 'a file' } as const

function refuse(path: string, what: string, found: keyof typeof FOUND): AppError {
  return new AppError('session-corrupt', `${path} must be ${what}, but is ${FOUND[found]}; refused (folders written elsewhere are read as untrusted)`, {
    path,
    found: FOUND[found]
  })
}

/** Refuses (session-corrupt) a session whose layout holds a symlink or a special file. */
export async function assertRealSessionTree(dir: string): Promise<void> {
  for (const name of ROOT_FILES) {
    const kind = await entryKind(join(dir, name))
    if (kind !== 'file' && kind !== 'missing') throw refuse(join(dir, name), 'a regular file', kind)
  }
  const budget = { left: MAX_ENTRIES }
  for (const name of ROOT_FOLDERS) {
    const kind = await entryKind(join(dir, name))
    if (kind === 'missing') continue
    if (kind !== 'folder') throw refuse(join(dir, name), 'a real folder', kind)
    await walk(join(dir, name), 1, budget)
  }
}

async function walk(folder: string, depth: number, budget: { left: number }): Promise<void> {
  // withFileTypes reports a symlink as a symlink (lstat where the file system gives no type).
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (--budget.left < 0) throw new AppError('session-corrupt', `${folder} holds more than ${MAX_ENTRIES} entries; refused as not a session`, { path: folder })
    if (entry.isSymbolicLink()) throw refuse(path, 'a real file or folder', 'symlink')
    if (entry.isDirectory()) {
      if (depth >= MAX_DEPTH) throw new AppError('session-corrupt', `${path} is nested deeper than a session's layout; refused`, { path })
      await walk(path, depth + 1, budget)
    } else if (!entry.isFile()) {
      throw refuse(path, 'a regular file', 'special')
    }
  }
}
