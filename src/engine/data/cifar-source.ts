// Where CIFAR files come from: the official .tar.gz (or .tar), the extracted folder, or a
// folder holding either. Resolves a user path to one reader of member files by base name.
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { AppError } from '../../shared/errors'
import { readTar } from './tar'

const gunzipAsync = promisify(gunzip)

export interface CifarFiles {
  /** The folder or archive actually read, for messages and the dataset's `source`. */
  source: string
  /** A member file by base name, or null when absent. */
  read(name: string): Promise<Uint8Array | null>
}

export interface CifarLocation {
  /** Folder name inside the archive, e.g. cifar-10-batches-bin. */
  folder: string
  /** Official archive name, e.g. cifar-10-binary.tar.gz. */
  archive: string
  /** A file whose presence marks the extracted folder itself. */
  marker: string
}

async function kind(path: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(path)
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null
  } catch {
    return null
  }
}

function folderFiles(dir: string): CifarFiles {
  return {
    source: dir,
    read: async (name) => {
      try {
        return new Uint8Array(await readFile(join(dir, name)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw new AppError('io-error', `${join(dir, name)}: ${(error as Error).message}`)
      }
    }
  }
}

async function archiveFiles(path: string, loc: CifarLocation): Promise<CifarFiles> {
  const raw = new Uint8Array(await readFile(path))
  let tar = raw
  if (!/\.tar$/i.test(path)) {
    if (raw[0] !== 0x1f || raw[1] !== 0x8b) {
      throw new AppError('dataset-corrupt', `${basename(path)}: not a gzip archive (expected the official ${loc.archive})`)
    }
    try {
      tar = new Uint8Array(await gunzipAsync(raw))
    } catch (error) {
      throw new AppError('dataset-corrupt', `${basename(path)}: cannot decompress (${(error as Error).message}); the file is damaged or incomplete`)
    }
  }
  const byName = new Map<string, Uint8Array>()
  for (const entry of readTar(tar, basename(path))) {
    if (entry.type !== 'file') continue
    const inFolder = entry.name.split('/').includes(loc.folder)
    const key = basename(entry.name)
    if (inFolder || !byName.has(key)) byName.set(key, entry.data)
  }
  return { source: path, read: async (name) => byName.get(name) ?? null }
}

/** Accepts the extracted folder, its parent, the archive, or a folder holding the archive. */
export async function openCifarFiles(path: string, loc: CifarLocation): Promise<CifarFiles> {
  const what = await kind(path)
  if (what === null) throw new AppError('dataset-unavailable', `${path} does not exist`)
  if (what === 'file') {
    if (!/\.(tar\.gz|tgz|tar)$/i.test(path)) {
      throw new AppError('dataset-unavailable', `${path} is not a folder or a .tar.gz archive (expected ${loc.archive} or ${loc.folder}/)`)
    }
    return archiveFiles(path, loc)
  }
  if ((await kind(join(path, loc.marker))) === 'file') return folderFiles(path)
  if ((await kind(join(path, loc.folder, loc.marker))) === 'file') return folderFiles(join(path, loc.folder))
  if ((await kind(join(path, loc.archive))) === 'file') return archiveFiles(join(path, loc.archive), loc)
  throw new AppError(
    'dataset-unavailable',
    `${path} holds neither ${loc.folder}/ (with ${loc.marker}) nor ${loc.archive}; pick the extracted folder or the official archive`
  )
}
