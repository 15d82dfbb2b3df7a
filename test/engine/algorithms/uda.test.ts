// UDA's rules against values computed by hand (in the comments) on small batches;
// docs/guide/algorithms.md, UDA.
import { describe, expect, it } from 'vitest'
import { createStrategy } from '../../../src/shared/algorithms/registry'
import { applyAblation } from '../../../src/engine/algorithms/oracle-ablation'
import { lossTargets } from '../../../src/shared/algorithms/soft-targets'
import { tsaThreshold, tsaWeights, UdaStrategy, type UdaSettings } from '../../../src/shared/algorithms/uda'
import { ALGORITHM_RULE_KIND } from '../../../src/shared/algorithms/registry'
import { counts } from '../../../src/shared/pseudo-label-rule'
import { tinyConfig } from '../train/fixtures'

const uda = (overrides: Partial<UdaSettings> = {}) =>
  new UdaStrategy({ temperature: 0.5, cutoff: 0.8, tsaSchedule: 'none', numClasses: 2, totalSteps: 4, ...overrides })
const input = (rows: number[][]) => ({ probs: new Float32Array(rows.flat()), numClasses: rows[0].length, unlabeledPositions: Int32Array.from(rows, (_, i) => i), step: 1 })

describe('UDA (USB)', () => {
  it('trains on sharpened soft targets softmax(logits / T) = p^(1/T) renormalized', () => {
    // T = 0.5: (0.36, 0.16) / 0.52 = (0.692308, 0.307692); T = 0.4: (0.6^2.5, 0.4^2.5) -> (0.733736, 0.266264).
    const half = uda().compute(input([[0.6, 0.4]]))
    expect(Array.from(half.targets ?? [])).toEqual([expect.closeTo(0.692308, 6), expect.closeTo(0.307692, 6)])
    const usb = uda({ temperature: 0.4 }).compute(input([[0.6, 0.4]]))
    expect(Array.from(usb.targets ?? [])).toEqual([expect.closeTo(0.733736, 6), expect.closeTo(0.266264, 6)])
    // The pseudo-label is the target's argmax; the confidence stays the unsharpened max.
    const out = uda().compute(input([[0.3, 0.7]]))
    expect(Array.from(out.pseudo)).toEqual([1])
    expect(out.confidence[0]).toBeCloseTo(0.7, 6)
  })

  it('masks max softmax(logits_w) >= p_cutoff (0.8 passes itself in float32), and counts by that mask', () => {
    const out = uda().compute(input([[0.85, 0.15], [0.6, 0.4], [0.8, 0.2], [0.1, 0.9]]))
    expect(Array.from(out.mask)).toEqual([1, 0, 1, 1])
    expect(Array.from(out.weight)).toEqual([1, 0, 1, 1])
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0.8 })
    expect(ALGORITHM_RULE_KIND.uda).toBe('threshold')
    expect([0.85, 0.6, 0.8, 0.9].map((c) => counts(out.rule, Math.fround(c), 0))).toEqual([true, false, true, true])
  })

  it('under oracle-correct, a replaced pseudo-label trains on its one-hot label; the others keep their soft targets', () => {
    const out = uda().compute(input([[0.9, 0.1], [0.85, 0.15]]))
    const t = applyAblation({ mode: 'oracle-correct', noiseRate: 0 }, out, Int32Array.from([0, 1]), 2)
    const soft = Array.from(out.targets ?? [])
    expect(Array.from(lossTargets(out.targets, out.pseudo, t.pseudo, 2) ?? [])).toEqual([soft[0], soft[1], 0, 1])
    expect(soft[0]).toBeLessThan(1)
  })

  it('TSA thresholds follow each schedule: tsa = a(t)(1 - 1/K) + 1/K at t = it / num_train_iter', () => {
    // K = 10, 100 steps. none: 1 always.
    expect([0, 50, 100].map((it) => tsaThreshold('none', it, 100, 10))).toEqual([1, 1, 1])
    // linear a = t: 0.1, 0.55, 1.
    expect(tsaThreshold('linear', 0, 100, 10)).toBeCloseTo(0.1, 12)
    expect(tsaThreshold('linear', 50, 100, 10)).toBeCloseTo(0.55, 12)
    expect(tsaThreshold('linear', 100, 100, 10)).toBeCloseTo(1, 12)
    // exp a = e^(5(t-1)): e^-5 * 0.9 + 0.1 = 0.106064; t = 0.8: e^-1 * 0.9 + 0.1 = 0.431091.
    expect(tsaThreshold('exp', 0, 100, 10)).toBeCloseTo(0.106064, 6)
    expect(tsaThreshold('exp', 80, 100, 10)).toBeCloseTo(0.431091, 6)
    // log a = 1 - e^(-5t): 0.1 at t = 0; t = 0.2: (1 - e^-1) * 0.9 + 0.1 = 0.668909.
    expect(tsaThreshold('log', 0, 100, 10)).toBeCloseTo(0.1, 12)
    expect(tsaThreshold('log', 20, 100, 10)).toBeCloseTo(0.668909, 6)
  })

  it('drops a labeled sample whose max probability exceeds the TSA threshold (USB le: equal stays)', () => {
    expect(Array.from(tsaWeights(new Float32Array([0.7, 0.3, 0.8, 0.2, 0.25, 0.75]), 2, 0.75))).toEqual([1, 0, 1])
    const s = uda({ tsaSchedule: 'linear' })
    const lb = new Float32Array([0.5, 0.5, 0.6, 0.4, 0.7, 0.3])
    // K = 2, 4 steps: step 1 is it 0, tsa = 0.5; step 3 is it 2, tsa = 0.5 * 0.5 + 0.5 = 0.75.
    expect(Array.from(s.labeledWeights(lb, Int32Array.from([0, 0, 0]), 1) ?? [])).toEqual([1, 0, 0])
    expect(Array.from(s.labeledWeights(lb, Int32Array.from([0, 0, 0]), 3) ?? [])).toEqual([1, 1, 1])
    // 'none' leaves the labeled loss as it is.
    expect(uda().labeledWeights(lb, Int32Array.from([0, 0, 0]), 1)).toBeNull()
  })

  it('is built from the config with USB defaults (T 0.4, p_cutoff 0.8, tsa none) and holds no state', () => {
    const config = tinyConfig()
    const s = createStrategy({ ...config.algorithm, name: 'uda' }, { numClasses: 3, numUnlabeled: 8, totalSteps: 10 })
    expect(s).toBeInstanceOf(UdaStrategy)
    expect((s as UdaStrategy).settings).toMatchObject({ temperature: 0.4, cutoff: 0.8, tsaSchedule: 'none', numClasses: 3, totalSteps: 10 })
    expect(s.getState()).toEqual({})
  })
})
