import { describe, expect, it } from 'vitest'
import { FlexMatchStrategy } from '../../../src/shared/algorithms/flexmatch'

const step = (s: FlexMatchStrategy, rows: number[][], positions: number[]) =>
  s.compute({ probs: new Float32Array(rows.flat()), numClasses: 3, unlabeledPositions: new Int32Array(positions), step: 1 })

describe('FlexMatchStrategy (U, thresh_warmup)', () => {
  it('starts with zero thresholds, then scales tau by M(beta) of the previous step', () => {
    const s = new FlexMatchStrategy(0.9, 3, 4)
    // beta = 0: every sample passes; three are selected (>= 0.9) as class 0.
    const first = step(s, [[0.95, 0.03, 0.02], [0.92, 0.05, 0.03], [0.5, 0.45, 0.05]], [0, 1, 2])
    expect(Array.from(first.mask)).toEqual([1, 1, 1])
    // counts [2, 0, 0], two unselected: beta = [2/2, 0, 0], threshold 0.9 * 1 / (2 - 1).
    expect(s.classThresholds()).toEqual([0.9, 0, 0])
    const second = step(s, [[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]], [3, 2])
    expect(Array.from(second.mask)).toEqual([0, 1])
    expect(Array.from(second.pseudo)).toEqual([0, 1])
    // Sample 0 is selected again, now as class 1: counts [1, 1, 0], two unselected.
    step(s, [[0.02, 0.96, 0.02]], [0])
    const t = s.classThresholds()
    expect(t[0]).toBeCloseTo(0.9 * (0.5 / 1.5), 12)
    expect(t[1]).toBeCloseTo(0.9 * (0.5 / 1.5), 12)
    expect(t[2]).toBe(0)
  })

  it('checkpoints its per-sample selections', () => {
    const a = new FlexMatchStrategy(0.9, 3, 4)
    step(a, [[0.95, 0.03, 0.02], [0.01, 0.01, 0.98]], [1, 3])
    const b = new FlexMatchStrategy(0.9, 3, 4)
    b.setState(JSON.parse(JSON.stringify(a.getState())))
    expect(b.classThresholds()).toEqual(a.classThresholds())
    const rows = [[0.7, 0.2, 0.1]]
    expect(Array.from(step(b, rows, [0]).mask)).toEqual(Array.from(step(a, rows, [0]).mask))
    expect(() => new FlexMatchStrategy(0.9, 3, 5).setState(a.getState())).toThrow(/FlexMatch state/)
  })
})
