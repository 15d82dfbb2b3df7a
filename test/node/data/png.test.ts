import { describe, expect, it } from 'vitest'
import { crc32, encodePng } from '../../../src/node/data/png'
import { decodePng } from './png-decode'

describe('encodePng', () => {
  it('round-trips gray and RGB pixels', () => {
    for (const channels of [1, 3] as const) {
      const pixels = Uint8Array.from({ length: 7 * 5 * channels }, (_, i) => (i * 37) & 0xff)
      const decoded = decodePng(encodePng(pixels, 7, 5, channels))
      expect(decoded).toEqual({ width: 7, height: 5, channels, pixels })
    }
  })

  it('writes valid chunk CRCs', () => {
    // The CRC-32 check value of "123456789".
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    const png = Buffer.from(encodePng(new Uint8Array(4), 2, 2, 1))
    const len = png.readUInt32BE(8)
    expect(png.readUInt32BE(16 + len)).toBe(crc32(png, 12, 16 + len))
  })

  it('refuses a size that does not match the pixels', () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2, 1)).toThrow(/2x2x1/)
  })
})
