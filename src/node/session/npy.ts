// NPY format version 1.0 (numpy.lib.format): magic, version, a little-endian u16 header
// length, a Python dict literal padded with spaces and ended by '\n' so the data starts
// on a 64-byte boundary, then the raw data in C order. numpy.load reads these files.
import { AppError } from '../../shared/errors'

export type NpyArray = Uint8Array | Int16Array | Int32Array | Float32Array
export type NpyDtype = 'uint8' | 'int16' | 'int32' | 'float32'

export interface DecodedNpy {
  dtype: NpyDtype
  shape: number[]
  data: NpyArray
}

const DESCR: Record<NpyDtype, string> = { uint8: '|u1', int16: '<i2', int32: '<i4', float32: '<f4' }
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY

export function npyDtypeOf(data: NpyArray): NpyDtype {
  if (data instanceof Uint8Array) return 'uint8'
  if (data instanceof Int16Array) return 'int16'
  if (data instanceof Int32Array) return 'int32'
  return 'float32'
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export function encodeNpy(data: NpyArray, shape: readonly number[] = [data.length]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1)
  if (count !== data.length) throw new RangeError(`npy: shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`)
  if (!littleEndian) throw new AppError('internal', 'npy: big-endian hosts are not supported')
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  const dict = `{'descr': '${DESCR[npyDtypeOf(data)]}', 'fortran_order': False, 'shape': ${dims}, }`
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1
  const total = Math.ceil(unpadded / 64) * 64
  const headerText = dict + ' '.repeat(total - unpadded) + '\n'
  const headerLen = headerText.length
  if (headerLen > 0xffff) throw new RangeError('npy: header too long for format 1.0')
  const out = new Uint8Array(total + data.byteLength)
  out.set(MAGIC, 0)
  out[6] = 1
  out[7] = 0
  out[8] = headerLen & 0xff
  out[9] = headerLen >> 8
  for (let i = 0; i < headerLen; i++) out[10 + i] = headerText.charCodeAt(i)
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total)
  return out
}

/** Reads NPY 1.0 and 2.0 files of the four dtypes above; `source` names the file in errors. */
export function decodeNpy(bytes: Uint8Array, source = 'npy data'): DecodedNpy {
  const bad = (why: string): AppError => new AppError('session-corrupt', `${source} is not a valid .npy file: ${why}`, { path: source })
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad('missing the \\x93NUMPY magic')
  const major = bytes[6]
  let headerStart = 10
  let headerLen: number
  if (major === 1) headerLen = bytes[8] | (bytes[9] << 8)
  else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw bad('truncated header')
    headerLen = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 0x1000000
    headerStart = 12
  } else throw bad(`unsupported format version ${major}.${bytes[7]}`)
  if (headerLen > 1 << 20) throw bad(`header of ${headerLen} bytes is implausibly long`)
  const dataStart = headerStart + headerLen
  if (dataStart > bytes.length) throw bad('truncated header')
  const header = String.fromCharCode(...bytes.subarray(headerStart, dataStart))

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1]
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1]
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1]
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw bad(`unreadable header ${JSON.stringify(header.trim())}`)
  const dtype = (Object.keys(DESCR) as NpyDtype[]).find((k) => DESCR[k] === descr || (k === 'uint8' && descr === '<u1'))
  if (dtype === undefined) throw bad(`unsupported dtype '${descr}' (expected uint8, <i2, <i4 or <f4)`)
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number)
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw bad(`bad shape (${shapeText})`)
  if (fortran === 'True' && shape.filter((d) => d > 1).length > 1) throw bad('Fortran-ordered arrays are not supported')
  const count = shape.reduce((a, b) => a * b, 1)
  const width = dtype === 'uint8' ? 1 : dtype === 'int16' ? 2 : 4
  if (bytes.length - dataStart !== count * width) {
    throw bad(`expected ${count * width} data bytes for shape (${shape.join(', ')}), found ${bytes.length - dataStart}`)
  }
  // Copy (Buffer.slice would share Node's pool): the source offset need not be aligned.
  const copy = new Uint8Array(bytes.length - dataStart)
  copy.set(bytes.subarray(dataStart))
  const raw = copy.buffer
  const data =
    dtype === 'uint8' ? new Uint8Array(raw) : dtype === 'int16' ? new Int16Array(raw) : dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw)
  return { dtype, shape, data }
}
