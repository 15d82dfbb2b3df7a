import { describe, expect, it } from 'vitest'
import { computeStepDiagnostics } from '../../../src/engine/diagnostics/step-diagnostics'
import { Rng } from '../../../src/shared/rng'

describe('computeStepDiagnostics', () => {
  it('counts a hand-checked batch', () => {
    // 6 samples, 3 classes. Right: 0, 2, 4 (3 of 6). Masked: 0, 1, 4 -> right 0 and 4, wrong 1.
    const d = computeStepDiagnostics({
      pseudoLabel: Int32Array.from([0, 1, 2, 2, 1, 0]),
      confidence: Float32Array.from([0.99, 0.97, 0.5, 0.6, 0.96, 0.3]),
      mask: Uint8Array.from([1, 1, 0, 0, 1, 0]),
      trueLabel: [0, 2, 2, 1, 1, 1],
      numClasses: 3
    })
    expect(d.plAccAll).toBe(0.5)
    expect(d.maskRate).toBe(0.5)
    expect(d.maskedCount).toBe(3)
    expect(d.plAccMasked).toBeCloseTo(2 / 3, 12)
    expect(d.confidentWrong).toBe(1)
    expect(d.unlabeledBatch).toBe(6)
    expect(d.meanConfidence).toBeCloseTo((0.99 + 0.97 + 0.5 + 0.6 + 0.96 + 0.3) / 6, 6)
    expect(d.classPseudo).toEqual([2, 2, 2])
    expect(d.classTrue).toEqual([1, 3, 2])
    expect(d.classCorrect).toEqual([1, 1, 1])
  })

  it('gives null masked accuracy when nothing passes', () => {
    const d = computeStepDiagnostics({
      pseudoLabel: Int32Array.from([1, 1]),
      confidence: Float32Array.from([0.4, 0.6]),
      mask: new Uint8Array(2),
      trueLabel: Int16Array.from([1, 0]),
      numClasses: 2
    })
    expect(d.plAccMasked).toBeNull()
    expect(d.confidentWrong).toBe(0)
    expect(d.maskRate).toBe(0)
    expect(d.plAccAll).toBe(0.5)
  })

  it('agrees with a direct count on a random batch of 448', () => {
    const rng = new Rng(7)
    const n = 448
    const numClasses = 10
    const pseudoLabel = Int32Array.from({ length: n }, () => rng.int(0, numClasses))
    const trueLabel = Int16Array.from({ length: n }, () => rng.int(0, numClasses))
    const confidence = Float32Array.from({ length: n }, () => rng.uniform(0.1, 1))
    const mask = Uint8Array.from(confidence, (c) => (c >= Math.fround(0.95) ? 1 : 0))
    const d = computeStepDiagnostics({ pseudoLabel, confidence, mask, trueLabel, numClasses })
    const idx = [...Array(n).keys()]
    const right = idx.filter((i) => pseudoLabel[i] === trueLabel[i])
    const masked = idx.filter((i) => mask[i] === 1)
    expect(d.plAccAll).toBe(right.length / n)
    expect(d.maskedCount).toBe(masked.length)
    expect(d.confidentWrong).toBe(masked.filter((i) => pseudoLabel[i] !== trueLabel[i]).length)
    expect(d.classCorrect.reduce((a, b) => a + b, 0)).toBe(right.length)
    expect(d.classPseudo.reduce((a, b) => a + b, 0)).toBe(n)
    expect(d.classTrue[3]).toBe(idx.filter((i) => trueLabel[i] === 3).length)
  })

  it('refuses arrays of different lengths', () => {
    expect(() =>
      computeStepDiagnostics({
        pseudoLabel: new Int32Array(3),
        confidence: new Float32Array(3),
        mask: new Uint8Array(2),
        trueLabel: [0, 0, 0],
        numClasses: 2
      })
    ).toThrow(/lengths differ/)
  })
})
