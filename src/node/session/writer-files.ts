// File helpers behind SessionWriter.
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { SAMPLE_STATE_FIELDS, type SampleState } from '../../shared/metrics'
import { AppError } from '../../shared/errors'
import { TEMP_PREFIX } from './atomic'
import { makeFolders } from './make-folders'
import { assertNoSymlinkBelow } from './untrusted-fs'
import { LOCK_FILE, MANIFEST_FILE, sampleFieldFile, SAMPLE_FIELD_DTYPES, SWEEPS_DIR } from './layout'
import { encodeNpy, npyDtypeOf, type NpyArray } from './npy'

const TAIL_BYTES = 1 << 20

/** True when the log is empty or ends with a complete, parseable line (no repair needed). */
export async function logTailIsClean(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null)
  if (!info || info.size === 0) return true
  const length = Math.min(info.size, TAIL_BYTES)
  const handle = await open(path, 'r')
  try {
    const bytes = new Uint8Array(length)
    await handle.read(bytes, 0, length, info.size - length)
    if (bytes[length - 1] !== 0x0a) return false
    const start = bytes.lastIndexOf(0x0a, length - 2) + 1
    // A last line longer than the window was not torn by an append of ours: trust it.
    if (start === 0 && length < info.size) return true
    const text = new TextDecoder().decode(bytes.subarray(start, length - 1)).trim()
    if (text === '') return true
    JSON.parse(text)
    return true
  } catch {
    return false
  } finally {
    await handle.close()
  }
}

/**
 * Fills a temp folder beside `target`, then swaps it in: readers never see a half-written set.
 * No folder from `root` down to `target` may be a symlink, so the set never lands elsewhere.
 */
export async function replaceDir(root: string, target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  await assertNoSymlinkBelow(root, target)
  await mkdir(dirname(target), { recursive: true })
  const temp = join(dirname(target), `${TEMP_PREFIX}${basename(target)}-${process.pid}-${Date.now()}`)
  try {
    await mkdir(temp, { recursive: true })
    await fill(temp)
    await rm(target, { recursive: true, force: true })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}

/** Deletes a folder below root; refused when a symlink is on the way, so nothing elsewhere goes. */
export async function removeBelow(root: string, path: string): Promise<void> {
  await assertNoSymlinkBelow(root, path)
  await rm(path, { recursive: true, force: true })
}

/** One fsynced .npy per entry, named <key>.npy, in a folder of our own: never an existing file. */
export async function writeNpyFiles(dir: string, files: Record<string, NpyArray>): Promise<void> {
  for (const [name, data] of Object.entries(files)) {
    const handle = await open(join(dir, `${name}.npy`), 'wx')
    try {
      await handle.writeFile(encodeNpy(data))
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
}

/** One .npy per SampleState field, after checking lengths and dtypes. */
export async function writeSampleFiles(dir: string, state: SampleState): Promise<void> {
  const n = state.datasetIndex.length
  const files: Record<string, NpyArray> = {}
  for (const field of SAMPLE_STATE_FIELDS) {
    const data = state[field]
    if (data.length !== n) {
      throw new AppError('invalid-payload', `sample snapshot at step ${state.step}: ${field} has ${data.length} entries, expected ${n}`)
    }
    if (npyDtypeOf(data) !== SAMPLE_FIELD_DTYPES[field]) {
      throw new AppError('invalid-payload', `sample snapshot: ${field} must be ${SAMPLE_FIELD_DTYPES[field]}, got ${npyDtypeOf(data)}`)
    }
    files[sampleFieldFile(field).slice(0, -'.npy'.length)] = data
  }
  await writeNpyFiles(dir, files)
}

/** Steps that have sweep arrays, ascending. */
export async function listSweepSteps(dir: string): Promise<number[]> {
  const names = await readdir(join(dir, SWEEPS_DIR)).catch(() => [] as string[])
  return names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b)
}

/** Creates the folder, or accepts an existing empty one. */
export async function claimFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null)
  if (info && !info.isDirectory()) throw new AppError('conflict', `${dir} exists and is not a folder`, { path: dir })
  if (!info) {
    await makeFolders(dirname(dir))
    try {
      await mkdir(dir)
      return
    } catch (error) {
      // Someone else made it meanwhile: judge its contents below.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  // A lock left by a run killed before it wrote session.json is no content of its own.
  const entries = (await readdir(dir)).filter((name) => !name.startsWith(LOCK_FILE))
  if (entries.length === 0) return
  if (entries.includes(MANIFEST_FILE)) {
    throw new AppError('already-exists', `${dir} already holds a session; open it to continue`, { path: dir })
  }
  throw new AppError('conflict', `${dir} is not empty and is not a Pseudoscope session; choose an empty folder`, { path: dir })
}

/**
 * Creates `<parent>/<base>`, or `<base>-2`, `-3`... when taken: an exclusive mkdir claims the
 * name, so two runs started in the same instant never get the same folder.
 */
export async function claimNewFolder(parent: string, base: string): Promise<string> {
  await makeFolders(parent)
  for (let n = 1; n < 1000; n++) {
    const dir = join(parent, n === 1 ? base : `${base}-${n}`)
    try {
      await mkdir(dir)
      return dir
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw new AppError('io-error', `cannot create session folder ${dir}: ${(error as Error).message}`, { path: dir })
    }
  }
  throw new AppError('already-exists', `no free session folder name for ${base} in ${parent}`, { path: parent })
}
