import { describe, expect, it } from 'vitest'
import { SampleTracker } from '../../../src/engine/diagnostics/sample-tracker'

const i32 = (...v: number[]): Int32Array => Int32Array.from(v)
const f32 = (...v: number[]): Float32Array => Float32Array.from(v)
const u8 = (...v: number[]): Uint8Array => Uint8Array.from(v)

function tracker(): SampleTracker {
  // 4 unlabeled samples at train indices 10..13, true labels 0, 1, 2, 1.
  return new SampleTracker(i32(10, 11, 12, 13), Int16Array.from([0, 1, 2, 1]))
}

describe('SampleTracker', () => {
  it('starts unseen', () => {
    const s = tracker().snapshot(0)
    expect([...s.pseudoLabel]).toEqual([-1, -1, -1, -1])
    expect([...s.lastStep]).toEqual([-1, -1, -1, -1])
    expect([...s.timesSeen]).toEqual([0, 0, 0, 0])
    expect([...s.datasetIndex]).toEqual([10, 11, 12, 13])
  })

  it('tracks sightings, masks, wrong masks and flips', () => {
    const t = tracker()
    t.update(i32(0, 1), i32(0, 2), f32(0.99, 0.97), u8(1, 1), 1) // 1 masked wrong
    t.update(i32(1, 2), i32(1, 2), f32(0.5, 0.8), u8(0, 0), 2) // 1 flips 2 -> 1
    t.update(i32(1, 0), i32(2, 0), f32(0.96, 0.7), u8(1, 0), 3) // 1 flips back, masked wrong again
    const s = t.snapshot(3)
    expect(s.step).toBe(3)
    expect([...s.pseudoLabel]).toEqual([0, 2, 2, -1])
    expect(s.confidence[1]).toBeCloseTo(0.96, 6)
    expect([...s.lastStep]).toEqual([3, 3, 2, -1])
    expect([...s.timesSeen]).toEqual([2, 3, 1, 0])
    expect([...s.timesMasked]).toEqual([1, 2, 0, 0])
    expect([...s.timesMaskedWrong]).toEqual([0, 2, 0, 0])
    expect([...s.flips]).toEqual([0, 2, 0, 0])
  })

  it('handles a sample twice in one batch in batch order', () => {
    const t = tracker()
    t.update(i32(3, 3), i32(0, 1), f32(0.6, 0.97), u8(0, 1), 5)
    const s = t.snapshot(5)
    expect(s.timesSeen[3]).toBe(2)
    expect(s.flips[3]).toBe(1)
    expect(s.pseudoLabel[3]).toBe(1)
    expect(s.confidence[3]).toBeCloseTo(0.97, 6)
    expect(s.timesMasked[3]).toBe(1)
    expect(s.timesMaskedWrong[3]).toBe(0)
  })

  it('snapshots are copies and fromState continues the history', () => {
    const t = tracker()
    t.update(i32(2), i32(1), f32(0.99), u8(1), 1)
    const s = t.snapshot(1)
    t.update(i32(2), i32(2), f32(0.99), u8(1), 2)
    expect(s.pseudoLabel[2]).toBe(1)
    expect(s.flips[2]).toBe(0)

    const resumed = SampleTracker.fromState(s)
    resumed.update(i32(2), i32(2), f32(0.99), u8(1), 2)
    expect(resumed.snapshot(2)).toEqual(t.snapshot(2))
  })

  it('refuses bad positions and lengths', () => {
    const t = tracker()
    expect(() => t.update(i32(4), i32(0), f32(1), u8(1), 1)).toThrow(/outside/)
    expect(() => t.update(i32(0, 1), i32(0), f32(1), u8(1), 1)).toThrow(/lengths differ/)
    expect(() => new SampleTracker(i32(1, 2), Int16Array.from([0]))).toThrow()
  })
})
