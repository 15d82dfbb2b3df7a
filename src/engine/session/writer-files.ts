// File helpers behind SessionWriter.
import { mkdir, open, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SAMPLE_STATE_FIELDS, type SampleState } from '../../shared/metrics'
import { AppError } from '../../shared/errors'
import { sampleFieldFile, SAMPLE_FIELD_DTYPES } from './layout'
import { encodeNpy, npyDtypeOf } from './npy'

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

/** One fsynced .npy per SampleState field in `dir` (created). */
export async function writeSampleFiles(dir: string, state: SampleState): Promise<void> {
  const n = state.datasetIndex.length
  for (const field of SAMPLE_STATE_FIELDS) {
    const data = state[field]
    if (data.length !== n) {
      throw new AppError('invalid-payload', `sample snapshot at step ${state.step}: ${field} has ${data.length} entries, expected ${n}`)
    }
    if (npyDtypeOf(data) !== SAMPLE_FIELD_DTYPES[field]) {
      throw new AppError('invalid-payload', `sample snapshot: ${field} must be ${SAMPLE_FIELD_DTYPES[field]}, got ${npyDtypeOf(data)}`)
    }
  }
  await mkdir(dir, { recursive: true })
  for (const field of SAMPLE_STATE_FIELDS) {
    const handle = await open(join(dir, sampleFieldFile(field)), 'w')
    try {
      await handle.writeFile(encodeNpy(state[field]))
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
}
