import { describe, expect, it } from 'vitest'
import { pseudoLabelsFromProbs } from '../../../src/shared/algorithms/pseudo-labels'
import { computeSweep } from '../../../src/engine/diagnostics/sweep'
import { Rng } from '../../../src/shared/rng'

/** Rows of probabilities for 3 classes. */
const rows = (...r: number[][]): Float32Array => Float32Array.from(r.flat())

describe('pseudoLabelsFromProbs', () => {
  it('takes argmax (first on ties) and max', () => {
    const { pseudoLabel, confidence } = pseudoLabelsFromProbs(rows([0.2, 0.7, 0.1], [0.4, 0.4, 0.2], [0, 0, 1]), 3)
    expect([...pseudoLabel]).toEqual([1, 0, 2])
    expect([...confidence]).toEqual([Math.fround(0.7), Math.fround(0.4), 1])
  })
  it('refuses a length that is not a multiple of the classes', () => {
    expect(() => pseudoLabelsFromProbs(new Float32Array(7), 3)).toThrow(/multiple/)
  })
})

describe('computeSweep', () => {
  const probs = rows(
    [0.96, 0.02, 0.02], // pseudo 0, true 0: right, passes 0.95
    [0.05, 0.95, 0.0], // pseudo 1, true 2: wrong, exactly 0.95 (float32) passes
    [0.1, 0.3, 0.6], // pseudo 2, true 2: right
    [0.55, 0.45, 0.0], // pseudo 0, true 1: wrong
    [0.0, 1.0, 0.0] // pseudo 1, true 1: right, confidence 1 lands in the last bin
  )
  const trueLabel = [0, 2, 2, 1, 1]
  const r = computeSweep({ probs, trueLabel, rule: { kind: 'threshold', threshold: 0.95 }, numClasses: 3, step: 100, model: 'ema', time: 5 })

  it('computes the step-style scalars over the whole set', () => {
    expect(r).toMatchObject({ step: 100, time: 5, model: 'ema', samples: 5 })
    expect(r.plAccAll).toBe(3 / 5)
    expect(r.maskRate).toBe(3 / 5)
    expect(r.plAccMasked).toBeCloseTo(2 / 3, 12)
    expect(r.confidentWrong).toBe(1)
  })

  it('builds confusion[true][pseudo], precision and recall', () => {
    expect(r.confusion).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1]
    ])
    expect(r.precision).toEqual([0.5, 0.5, 1])
    expect(r.recall).toEqual([1, 0.5, 0.5])
    const none = computeSweep({ probs: rows([0.9, 0.1, 0]), trueLabel: [0], rule: { kind: 'threshold', threshold: 0.5 }, numClasses: 3, step: 0, model: 'raw' })
    expect(none.precision).toEqual([1, null, null])
    expect(none.recall).toEqual([1, null, null])
  })

  it('sweeps thresholds 0.50..0.99', () => {
    expect(r.thresholds).toHaveLength(50)
    expect(r.thresholds[0]).toBe(0.5)
    expect(r.thresholds[49]).toBe(0.99)
    expect(r.thresholds[45]).toBe(0.95)
    // 0.50: confidences 0.96, 0.95, 0.6, 0.55, 1 all pass; 3 right.
    expect(r.thresholdMaskRate[0]).toBe(1)
    expect(r.thresholdMaskedAcc[0]).toBe(0.6)
    // 0.60 (index 10): 0.96, 0.95, 0.6, 1 pass; right: 0.96, 0.6, 1.
    expect(r.thresholdMaskRate[10]).toBe(0.8)
    expect(r.thresholdMaskedAcc[10]).toBe(0.75)
    // 0.99: only the 1.0 row.
    expect(r.thresholdMaskRate[49]).toBe(0.2)
    expect(r.thresholdMaskedAcc[49]).toBe(1)
    const empty = computeSweep({ probs: rows([0.4, 0.3, 0.3]), trueLabel: [0], rule: { kind: 'threshold', threshold: 0.95 }, numClasses: 3, step: 0, model: 'raw' })
    expect(empty.thresholdMaskedAcc.every((v) => v === null)).toBe(true)
    expect(empty.plAccMasked).toBeNull()
  })

  it('computes ECE over 15 bins', () => {
    const b = r.reliability
    expect(b.count).toHaveLength(15)
    // bins of width 1/15: 0.55 -> 8, 0.6 -> 9, 0.95 and 0.96 -> 14, 1.0 -> 14.
    expect(b.count[8]).toBe(1)
    expect(b.count[9]).toBe(1)
    expect(b.count[14]).toBe(3)
    expect(b.count.reduce((a, c) => a + c, 0)).toBe(5)
    expect(b.accuracy[8]).toBe(0)
    expect(b.accuracy[14]).toBeCloseTo(2 / 3, 12)
    expect(b.meanConfidence[0]).toBeNull()
    const c = (x: number): number => Math.fround(x)
    const expected =
      (1 / 5) * Math.abs(0 - c(0.55)) + (1 / 5) * Math.abs(1 - c(0.6)) + (3 / 5) * Math.abs(2 / 3 - (c(0.96) + c(0.95) + 1) / 3)
    expect(r.ece).toBeCloseTo(expected, 6)
  })

  it('gives ECE 0 for a perfectly calibrated set and agrees on random data', () => {
    // Two samples at confidence 0.5, one right: accuracy equals confidence in that bin.
    const cal = computeSweep({ probs: rows([0.5, 0.5, 0], [0.5, 0.5, 0]), trueLabel: [0, 1], rule: { kind: 'threshold', threshold: 0.9 }, numClasses: 3, step: 0, model: 'raw' })
    expect(cal.ece).toBeCloseTo(0, 12)

    const rng = new Rng(3)
    const n = 2000
    const k = 10
    const p = new Float32Array(n * k)
    for (let i = 0; i < n * k; i++) p[i] = rng.next()
    const y = Int16Array.from({ length: n }, () => rng.int(0, k))
    const s = computeSweep({ probs: p, trueLabel: y, rule: { kind: 'threshold', threshold: 0.7 }, numClasses: k, step: 1, model: 'raw' })
    const { pseudoLabel } = pseudoLabelsFromProbs(p, k)
    let diag = 0
    for (let i = 0; i < n; i++) if (pseudoLabel[i] === y[i]) diag++
    expect(s.confusion.flat().reduce((a, b) => a + b, 0)).toBe(n)
    expect(s.confusion.reduce((a, row, i) => a + row[i], 0)).toBe(diag)
    // Mask rate never rises with the threshold.
    for (let t = 1; t < 50; t++) expect(s.thresholdMaskRate[t]).toBeLessThanOrEqual(s.thresholdMaskRate[t - 1])
  })
})
