// A minimal ustar reader over uncompressed tar bytes (the CIFAR archives are plain ustar).
// Entries are views into the input buffer; no copying.
import { AppError } from '../../shared/errors'

const BLOCK = 512

export interface TarEntry {
  /** Full path as stored (prefix + name), without a leading './'. */
  name: string
  type: 'file' | 'directory' | 'other'
  data: Uint8Array
}

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start
  while (end < start + length && bytes[end] !== 0) end++
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8')
}

function octal(bytes: Uint8Array, start: number, length: number, what: string, label: string): number {
  const raw = text(bytes, start, length).trim()
  if (!/^[0-7]*$/.test(raw)) throw new AppError('dataset-corrupt', `${label}: bad ${what} field "${raw}" in a tar header`)
  return raw === '' ? 0 : parseInt(raw, 8)
}

function isZeroBlock(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (bytes[i] !== 0) return false
  return true
}

/** Reads every entry; `label` names the archive in error messages. */
export function readTar(bytes: Uint8Array, label: string): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  let longName: string | null = null
  while (offset + BLOCK <= bytes.length) {
    if (isZeroBlock(bytes, offset)) return entries
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : bytes[offset + i]
    const field = text(bytes, offset + 148, 8).trim()
    if (!/^[0-7]+$/.test(field) || parseInt(field, 8) !== sum) {
      throw new AppError('dataset-corrupt', `${label}: tar header checksum mismatch at byte ${offset} (not a tar archive, or damaged)`)
    }
    const size = octal(bytes, offset + 124, 12, 'size', label)
    const flag = String.fromCharCode(bytes[offset + 156] || 48)
    const magic = text(bytes, offset + 257, 6)
    const prefix = magic.startsWith('ustar') ? text(bytes, offset + 345, 155) : ''
    const stem = text(bytes, offset + 0, 100)
    const dataStart = offset + BLOCK
    if (dataStart + size > bytes.length) {
      throw new AppError('dataset-corrupt', `${label}: truncated: entry "${stem}" needs ${size} bytes past byte ${dataStart}`)
    }
    const data = bytes.subarray(dataStart, dataStart + size)
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (flag === 'L') {
      // GNU long name: the next header's real name.
      longName = text(data, 0, data.length)
      continue
    }
    if (flag === 'x' || flag === 'g') continue // pax metadata: names here are short enough
    const full = longName ?? (prefix ? `${prefix}/${stem}` : stem)
    longName = null
    entries.push({
      name: full.replace(/^\.\//, ''),
      type: flag === '0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : 'other',
      data
    })
  }
  if (offset < bytes.length || entries.length === 0) {
    throw new AppError('dataset-corrupt', `${label}: truncated tar archive (ends inside a header)`)
  }
  return entries
}
