import { describe, expect, it } from 'vitest'
import { expandLabeled, splitDataset } from '../../../src/node/data/split'
import { Rng } from '../../../src/shared/rng'
import { AppError } from '../../../src/shared/errors'

// 3 classes with 50, 40, 30 members, interleaved.
const labels = Uint8Array.from({ length: 120 }, (_, i) => (i < 90 ? i % 3 : i < 110 ? i % 2 : 0))

function counts(indices: Int32Array): number[] {
  const out = [0, 0, 0]
  for (const i of indices) out[labels[i]]++
  return out
}

describe('splitDataset', () => {
  const opts = { labelsPerClass: 7, seed: 5, excludeLabeledFromUnlabeled: false }

  it('draws labelsPerClass distinct indices per class, class by class', () => {
    const { labeled, unlabeled } = splitDataset(labels, 3, opts)
    expect(counts(labeled)).toEqual([7, 7, 7])
    expect(new Set(labeled).size).toBe(21)
    for (let k = 0; k < 21; k++) expect(labels[labeled[k]]).toBe(Math.floor(k / 7))
    expect(Array.from(unlabeled)).toEqual(Array.from({ length: 120 }, (_, i) => i))
  })

  it('is deterministic per seed and differs across seeds', () => {
    const a = splitDataset(labels, 3, opts).labeled
    expect(splitDataset(labels, 3, opts).labeled).toEqual(a)
    expect(splitDataset(labels, 3, { ...opts, seed: 6 }).labeled).not.toEqual(a)
  })

  it('can exclude the labeled samples from the unlabeled set', () => {
    const { labeled, unlabeled } = splitDataset(labels, 3, { ...opts, excludeLabeledFromUnlabeled: true })
    expect(unlabeled.length).toBe(120 - 21)
    const lab = new Set(labeled)
    expect(Array.from(unlabeled).some((i) => lab.has(i))).toBe(false)
  })

  it('names the class that has too few samples', () => {
    const run = () => splitDataset(labels, 3, { ...opts, labelsPerClass: 35 })
    expect(run).toThrow(AppError)
    expect(run).toThrow(/class 2 has 30 training images, fewer than the 35/)
  })
})

describe('expandLabeled', () => {
  it('tiles ceil(B * evalInterval / n) copies and shuffles them', () => {
    const labeled = Int32Array.from([3, 9, 4, 11, 20])
    const out = expandLabeled(labeled, 4, 3, new Rng(1))
    expect(out.length).toBe(5 * Math.ceil(12 / 5))
    for (const v of labeled) expect(out.filter((x) => x === v).length).toBe(3)
    expect(Array.from(out.subarray(0, 5))).not.toEqual(Array.from(labeled))
    expect(expandLabeled(labeled, 4, 3, new Rng(1))).toEqual(out)
  })
})
