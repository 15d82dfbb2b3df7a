// Reading a checkpoint folder that may come from elsewhere (SECURITY.md): each file is opened
// without following a symlink or blocking on a FIFO, with no symlinked folder on the way down
// from the session, and sizes are capped. model.json names its weight files: each must be a
// plain file name inside the checkpoint folder, and its specs must add up to a finite size.
import { join } from 'node:path'
import type * as tf from '@tensorflow/tfjs'
import { AppError } from '../../shared/errors'
import { entryKind, readFileBelow } from '../../node/session/untrusted-fs'

/** model.json and state.json: a weights list and sampler states, kilobytes. */
const MAX_JSON_BYTES = 64 * 1024 * 1024
/** A per-sample .npy: 4 bytes a sample; 256 MiB is 64M samples. */
export const MAX_NPY_BYTES = 256 * 1024 * 1024

export interface WeightsGroup {
  paths: string[]
  weights: tf.io.WeightsManifestEntry[]
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 }

const damaged = (path: string, why: string): AppError => new AppError('session-corrupt', `checkpoint file ${path} is damaged: ${why}`, { path })

/** A checkpoint file's bytes; a missing, special, symlinked or oversize one is named. */
export async function readPart(sessionDir: string, dir: string, file: string, maxBytes: number): Promise<Buffer> {
  const path = join(dir, file)
  try {
    return await readFileBelow(sessionDir, path, maxBytes)
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError('session-corrupt', code === 'ENOENT' ? `checkpoint file ${path} is missing` : `cannot read checkpoint file ${path} (${code ?? (error as Error).message})`, { path })
  }
}

export async function readJsonPart(sessionDir: string, dir: string, file: string): Promise<Record<string, unknown>> {
  const path = join(dir, file)
  let value: unknown
  try {
    value = JSON.parse((await readPart(sessionDir, dir, file, MAX_JSON_BYTES)).toString('utf8'))
  } catch (error) {
    if (error instanceof AppError) throw error
    throw damaged(path, `not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damaged(path, 'not a JSON object')
  return value as Record<string, unknown>
}

/** True when something (even a special file, refused on reading) sits at path. */
export async function present(path: string): Promise<boolean> {
  return (await entryKind(path)) !== 'missing'
}

/** A group's one weight file and the bytes its specs need; refused unless both are sane. */
export function checkedGroup(group: unknown, modelPath: string): { file: string; weights: tf.io.WeightsManifestEntry[]; bytes: number } {
  const { paths, weights } = (typeof group === 'object' && group !== null ? group : {}) as Partial<Record<keyof WeightsGroup, unknown>>
  if (!Array.isArray(paths) || paths.length !== 1) throw damaged(modelPath, 'a weights group must name exactly one weight file')
  const file: unknown = paths[0]
  // A plain name: no separator, no '..', nothing absolute, so it stays inside the folder.
  if (typeof file !== 'string' || file === '' || file === '.' || file === '..' || /[/\\\0]/.test(file)) {
    throw damaged(modelPath, `weight file '${String(file)}' is not a file name inside the checkpoint folder`)
  }
  if (!Array.isArray(weights)) throw damaged(modelPath, `the weights of ${file} are not a list`)
  let bytes = 0
  for (const w of weights as unknown[]) {
    const spec = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>
    const shape = spec.shape
    const ok =
      typeof spec.name === 'string' &&
      typeof spec.dtype === 'string' &&
      Object.hasOwn(DTYPE_BYTES, spec.dtype) &&
      spec.quantization === undefined &&
      Array.isArray(shape) &&
      shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)
    if (!ok) throw damaged(modelPath, `a weight of ${file} has no name, a bad shape or an unsupported dtype`)
    bytes += (shape as number[]).reduce((a, b) => a * b, 1) * DTYPE_BYTES[spec.dtype as string]
  }
  if (!Number.isSafeInteger(bytes)) throw damaged(modelPath, `the weights of ${file} add up to no sane size`)
  return { file, weights: weights as tf.io.WeightsManifestEntry[], bytes }
}
