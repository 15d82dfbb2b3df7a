import { describe, expect, it } from 'vitest'
import { augmentBatch, type AugmentOptions } from '../../../src/engine/augment/augment-batch'
import type { ImageSplit } from '../../../src/node/data/types'
import { Rng } from '../../../src/shared/rng'

function randomSplit(count: number, size: number, seed: number): ImageSplit {
  const rng = new Rng(seed)
  const images = Uint8Array.from({ length: count * size }, () => rng.int(0, 256))
  return { images, labels: new Uint8Array(count), count }
}

const cifar: AugmentOptions = { height: 32, width: 32, channels: 3, flip: true, variant: 'randaugment-k' }
const split = randomSplit(64, 32 * 32 * 3, 1)
const indices = Int32Array.from({ length: 448 }, (_, i) => (i * 7) % 64)

describe('augmentBatch', () => {
  it("'none' gathers the images unchanged", () => {
    const out = augmentBatch(split, Int32Array.from([5, 0]), 'none', new Rng(1), cifar)
    expect(out.subarray(0, 3072)).toEqual(split.images.subarray(5 * 3072, 6 * 3072))
    expect(out.subarray(3072)).toEqual(split.images.subarray(0, 3072))
  })

  for (const kind of ['weak', 'strong'] as const) {
    it(`${kind}: the same seed reproduces the batch, another seed does not`, () => {
      const a = augmentBatch(split, indices.subarray(0, 32), kind, new Rng(7), cifar)
      const b = augmentBatch(split, indices.subarray(0, 32), kind, new Rng(7), cifar)
      const c = augmentBatch(split, indices.subarray(0, 32), kind, new Rng(8), cifar)
      expect(a.length).toBe(32 * 3072)
      expect(b).toEqual(a)
      expect(c).not.toEqual(a)
      expect(a).not.toEqual(augmentBatch(split, indices.subarray(0, 32), 'none', new Rng(7), cifar))
    })
  }

  it('weak without flip on a flat-row image only shifts rows (digits)', () => {
    const mnistLike = { height: 28, width: 28, channels: 1, flip: false, variant: 'randaugment-k' as const }
    // Every column holds its own x, so a crop shows a run of consecutive x (reflected at the edge).
    const img = Uint8Array.from({ length: 784 }, (_, i) => i % 28)
    const out = augmentBatch({ images: img, labels: new Uint8Array(1), count: 1 }, Int32Array.from([0]), 'weak', new Rng(3), mnistLike)
    const row = Array.from(out.subarray(0, 28))
    const left = row[25] - 25 // offset of the crop, within +-3
    expect(Math.abs(left)).toBeLessThanOrEqual(3)
    expect(row.slice(3, 25)).toEqual(Array.from({ length: 22 }, (_, x) => x + 3 + left))
  })

  it('strong on 28x28x1 keeps the shape and always draws a cutout', () => {
    const gray = randomSplit(8, 784, 2)
    const opts = { height: 28, width: 28, channels: 1, flip: false, variant: 'randaugment-g' as const }
    const out = augmentBatch(gray, Int32Array.from([0, 1, 2, 3]), 'strong', new Rng(4), opts)
    expect(out.length).toBe(4 * 784)
    for (let i = 0; i < 4; i++) {
      const n = out.subarray(i * 784, (i + 1) * 784).filter((v) => v === 127).length
      expect(n).toBeGreaterThanOrEqual(7 * 7)
    }
  })

  it('rejects an index outside the split', () => {
    expect(() => augmentBatch(split, Int32Array.from([64]), 'weak', new Rng(1), cifar)).toThrow(/outside 0..63/)
  })

  it('is fast: 448 strong 32x32x3 images', () => {
    augmentBatch(split, indices, 'strong', new Rng(1), cifar)
    const runs = 5
    const t0 = performance.now()
    for (let r = 0; r < runs; r++) augmentBatch(split, indices, 'strong', new Rng(r), cifar)
    const strongMs = (performance.now() - t0) / runs
    const t1 = performance.now()
    for (let r = 0; r < runs; r++) augmentBatch(split, indices, 'weak', new Rng(r), cifar)
    const weakMs = (performance.now() - t1) / runs
    console.log(`augmentBatch: ${strongMs.toFixed(1)} ms per 448 strong, ${weakMs.toFixed(1)} ms per 448 weak (32x32x3)`)
    expect(strongMs).toBeLessThan(400)
  })
})
