import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeNpy, encodeNpy } from '../../../src/node/session/npy'

const dir = mkdtempSync(join(tmpdir(), 'npy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npy', () => {
  it('writes the header exactly as the NPY 1.0 spec says', () => {
    const path = join(dir, 'a.npy')
    writeFileSync(path, encodeNpy(Int32Array.from([1, -2, 3])))
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 6)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])
    expect([bytes[6], bytes[7]]).toEqual([1, 0])
    const headerLen = bytes.readUInt16LE(8)
    expect((10 + headerLen) % 64).toBe(0)
    const header = bytes.subarray(10, 10 + headerLen).toString('latin1')
    expect(header.endsWith('\n')).toBe(true)
    expect(header.trimEnd()).toBe("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }")
    expect(/^[^\n]* *\n$/.test(header)).toBe(true)
    expect(bytes.length).toBe(10 + headerLen + 12)
    expect(bytes.readInt32LE(10 + headerLen + 4)).toBe(-2)
  })

  it('round-trips every dtype and a 2-D shape', () => {
    const cases = [
      Uint8Array.from([0, 255, 7]),
      Int16Array.from([-1, 32767, -32768]),
      Int32Array.from([2 ** 31 - 1, -5]),
      Float32Array.from([0.1, -Infinity, NaN, 1e-30])
    ]
    for (const data of cases) {
      const decoded = decodeNpy(encodeNpy(data))
      expect(decoded.data.constructor).toBe(data.constructor)
      expect([...decoded.data]).toEqual([...data])
      expect(decoded.shape).toEqual([data.length])
    }
    const m = decodeNpy(encodeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]))
    expect(m.shape).toEqual([2, 3])
    expect(m.dtype).toBe('float32')
    // An unaligned source buffer (as Node's pooled Buffers can be) still decodes.
    const bytes = encodeNpy(Int32Array.from([9, 8]))
    const shifted = new Uint8Array(bytes.length + 1)
    shifted.set(bytes, 1)
    expect([...decodeNpy(shifted.subarray(1)).data]).toEqual([9, 8])
    expect(decodeNpy(encodeNpy(new Int32Array(0))).shape).toEqual([0])
  })

  it('refuses damaged files with a clear error', () => {
    const good = encodeNpy(Int16Array.from([1, 2, 3]))
    expect(() => decodeNpy(new Uint8Array(20), 'x.npy')).toThrow(/x\.npy is not a valid \.npy file: missing/)
    expect(() => decodeNpy(good.subarray(0, good.length - 1), 'x.npy')).toThrow(/expected 6 data bytes/)
    const bigEndian = Buffer.from(Buffer.from(good).toString('latin1').replace("'<i2'", "'>i2'"), 'latin1')
    expect(() => decodeNpy(bigEndian, 'x.npy')).toThrow(/unsupported dtype '>i2'/)
    expect(() => encodeNpy(Int32Array.from([1, 2]), [3])).toThrow(/shape/)
  })
})
