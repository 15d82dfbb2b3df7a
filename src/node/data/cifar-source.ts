// Where CIFAR files come from: the official .tar.gz (or .tar), the extracted folder, or a
// folder holding either. Resolves a user path to one reader of member files by base name.
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { AppError } from '../../shared/errors'
import { readTar } from './tar'

const gunzipAsync = promisify(gunzip)

const MiB = 1024 * 1024
/**
 * Far above the official files (the CIFAR-10 tar is 185 MB, CIFAR-100's train.bin 154 MB),
 * far below what would exhaust memory: a crafted archive or a huge file is refused up front.
 */
export const CIFAR_LIMITS = { archiveBytes: 512 * MiB, tarBytes: 512 * MiB, memberBytes: 256 * MiB }

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

async function kind(path: string): Promise<'file' | 'dir' | 'other' | null> {
  try {
    const info = await stat(path)
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other'
  } catch {
    return null
  }
}

/** A regular file's bytes, its size checked first; a FIFO or device is refused, never read. */
async function readBounded(path: string, limit: number): Promise<Uint8Array | null> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new AppError('io-error', `${path}: ${(error as Error).message}`, { path })
  }
  if (!info.isFile()) throw new AppError('dataset-corrupt', `${path} is not a regular file (a FIFO, device or socket?)`, { path })
  if (info.size > limit) {
    throw new AppError('dataset-corrupt', `${path} is ${Math.round(info.size / MiB)} MiB, more than any CIFAR file (${limit / MiB} MiB)`, { path })
  }
  try {
    return new Uint8Array(await readFile(path))
  } catch (error) {
    throw new AppError('io-error', `${path}: ${(error as Error).message}`, { path })
  }
}

function folderFiles(dir: string): CifarFiles {
  return { source: dir, read: (name) => readBounded(join(dir, name), CIFAR_LIMITS.memberBytes) }
}

async function archiveFiles(path: string, loc: CifarLocation): Promise<CifarFiles> {
  const raw = await readBounded(path, CIFAR_LIMITS.archiveBytes)
  if (!raw) throw new AppError('dataset-unavailable', `${path} does not exist`)
  let tar = raw
  if (!/\.tar$/i.test(path)) {
    if (raw[0] !== 0x1f || raw[1] !== 0x8b) {
      throw new AppError('dataset-corrupt', `${basename(path)}: not a gzip archive (expected the official ${loc.archive})`)
    }
    try {
      tar = new Uint8Array(await gunzipAsync(raw, { maxOutputLength: CIFAR_LIMITS.tarBytes }))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AppError('dataset-corrupt', `${basename(path)} decompresses to more than ${CIFAR_LIMITS.tarBytes / MiB} MiB; it is not the official ${loc.archive}`)
      }
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
  if (what === 'other') throw new AppError('dataset-unavailable', `${path} is not a folder or a regular file (a FIFO, device or socket?)`)
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
