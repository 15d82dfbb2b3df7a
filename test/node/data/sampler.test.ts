import { describe, expect, it } from 'vitest'
import { EpochSampler } from '../../../src/node/data/sampler'
import { Rng } from '../../../src/shared/rng'

const indices = Int32Array.from({ length: 23 }, (_, i) => 100 + i)

describe('EpochSampler', () => {
  it('yields each index at most once per epoch, drops the last partial batch', () => {
    const sampler = new EpochSampler(indices, 5, new Rng(3))
    expect(sampler.batchesPerEpoch).toBe(4)
    const epoch = Array.from({ length: 4 }, () => Array.from(sampler.next())).flat()
    expect(new Set(epoch).size).toBe(20)
    for (const v of epoch) expect(v >= 100 && v < 123).toBe(true)
    expect(sampler.epoch).toBe(0)
    const nextEpoch = Array.from({ length: 4 }, () => Array.from(sampler.next())).flat()
    expect(sampler.epoch).toBe(1)
    expect(nextEpoch).not.toEqual(epoch)
  })

  it('resumes from a JSON round-tripped state with the identical sequence', () => {
    for (const k of [0, 3, 4, 9]) {
      const straight = new EpochSampler(indices, 5, new Rng(11))
      const expected: number[][] = []
      for (let i = 0; i < k + 10; i++) expected.push(Array.from(straight.next()))

      const first = new EpochSampler(indices, 5, new Rng(11))
      for (let i = 0; i < k; i++) first.next()
      const state = JSON.parse(JSON.stringify(first.getState()))
      const resumed = EpochSampler.fromState(indices, state)
      const after = Array.from({ length: 10 }, () => Array.from(resumed.next()))
      expect(after).toEqual(expected.slice(k))
    }
  })

  it('refuses a batch larger than the index list and a state for another list', () => {
    expect(() => new EpochSampler(indices, 24, new Rng(1))).toThrow(/batches of 24 from 23/)
    const state = new EpochSampler(indices, 5, new Rng(1)).getState()
    expect(() => EpochSampler.fromState(indices.subarray(1), state)).toThrow(/23 samples, not 22/)
  })
})
