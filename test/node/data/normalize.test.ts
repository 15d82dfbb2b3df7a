import { describe, expect, it } from 'vitest'
import { normalizeInto } from '../../../src/node/data/normalize'

describe('normalizeInto', () => {
  it('computes (v / 255 - mean[c]) / std[c] per HWC channel', () => {
    const images = Uint8Array.from([0, 128, 255, 10, 20, 30])
    const mean = [0.4914, 0.4822, 0.4465]
    const std = [0.2471, 0.2435, 0.2616]
    const out = normalizeInto(images, mean, std, 3)
    images.forEach((v, i) => expect(out[i]).toBeCloseTo((v / 255 - mean[i % 3]) / std[i % 3], 5))
  })

  it('writes into a given buffer and checks the channel count', () => {
    const out = new Float32Array(4)
    expect(normalizeInto(Uint8Array.from([0, 255]), [0.5], [0.5], 1, out)).toBe(out)
    expect(out[0]).toBeCloseTo(-1, 6)
    expect(out[1]).toBeCloseTo(1, 6)
    expect(() => normalizeInto(Uint8Array.from([0, 1]), [0.5], [0.5], 3)).toThrow(/3 means/)
  })
})
