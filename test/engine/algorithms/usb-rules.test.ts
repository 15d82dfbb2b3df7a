// Pseudo-Label, FreeMatch and SoftMatch rules against values computed by hand (in the
// comments) on small batches; spec/ssl-reference.md section 5.
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { fairnessLoss } from '../../../src/engine/algorithms/fairness-loss'
import { FreeMatchStrategy } from '../../../src/shared/algorithms/freematch'
import { PseudoLabelStrategy } from '../../../src/shared/algorithms/pseudolabel'
import { SoftMatchStrategy } from '../../../src/shared/algorithms/softmatch'
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const rows3 = [
  [0.9, 0.1],
  [0.6, 0.4],
  [0.3, 0.7]
]
const run = (s: MaskStrategy, rows: number[][]) =>
  s.compute({ probs: new Float32Array(rows.flat()), numClasses: rows[0].length, unlabeledPositions: Int32Array.from(rows, (_, i) => i), step: 1 })

describe('Pseudo-Label (USB)', () => {
  it('masks max p >= its threshold, reads softmax(logits), forwards the weak view only', () => {
    const s = new PseudoLabelStrategy(0.65, 0.4, 100)
    const out = run(s, rows3)
    expect(Array.from(out.pseudo)).toEqual([0, 0, 1])
    expect(Array.from(out.mask)).toEqual([1, 0, 1])
    expect(Array.from(out.weight)).toEqual([1, 0, 1])
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0.65 })
    expect(s.forward).toBe('weak-only')
    expect(s.readsTemperature).toBe(false)
  })

  it('ramps lambda_u as min(1, it / (0.4 * 100)) with it = step - 1', () => {
    const s = new PseudoLabelStrategy(0.95, 0.4, 100)
    // it 0 -> 0; it 20 -> 20/40 = 0.5; it 40 -> 1; beyond -> 1.
    expect([1, 21, 41, 100].map((step) => s.unsupScale(step))).toEqual([0, 0.5, 1, 1])
    expect(new PseudoLabelStrategy(0.95, 0, 100).unsupScale(1)).toBe(1)
  })
})

describe('FreeMatch (USB FreeMatchThresholingHook)', () => {
  it('updates tau, p~ and h~ before masking with tau * p~_c / max p~', () => {
    const s = new FreeMatchStrategy(2, 0.5, 0.001)
    // Start: tau = 1/2, p~ = h~ = (0.5, 0.5).
    // mean max p = (0.9 + 0.6 + 0.7) / 3 = 0.733333 -> tau = 0.25 + 0.366667 = 0.616667
    // mean p = (0.6, 0.4) -> p~ = (0.55, 0.45); hist = (2/3, 1/3) -> h~ = (0.583333, 0.416667)
    // thresholds = (0.616667, 0.616667 * 0.45 / 0.55 = 0.504545)
    // row 0: 0.9 >= 0.6167 (class 0) yes; row 1: 0.6 < 0.6167 no; row 2: 0.7 >= 0.5045 (class 1) yes
    const out = run(s, rows3)
    expect(Array.from(out.mask)).toEqual([1, 0, 1])
    expect(out.rule.kind).toBe('class-thresholds')
    const t = out.rule.kind === 'class-thresholds' ? out.rule.thresholds : []
    expect(t[0]).toBeCloseTo(0.616667, 5)
    expect(t[1]).toBeCloseTo(0.504545, 5)
    const { pModel, labelHist } = s.fairnessTargets()
    expect(pModel[0]).toBeCloseTo(0.55, 6)
    expect(labelHist[0]).toBeCloseTo(0.583333, 5)
  })

  it('computes the fairness loss with 1/0 -> 0 on the masked strong logits', () => {
    // Masked rows 0 and 2 both predict class 0: softmax(ln 3, 0) = (0.75, 0.25), softmax(ln 9, 0) = (0.9, 0.1).
    // hist_s = (1, 0) -> scaler (1, 0); mean prob (0.825, 0.175) -> scaled (0.825, 0) -> b = (1, 0).
    // a = normalize(0.55/0.583333, 0.45/0.416667) = normalize(0.942857, 1.08) = (0.466102, 0.533898).
    // L = 0.466102 * log(1 + 1e-12) + 0.533898 * log(1e-12) = 0.533898 * -27.631021 = -14.75216
    const logits = tf.tensor2d([Math.log(3), 0, 5, 0, Math.log(9), 0], [3, 2])
    const loss = fairnessLoss(logits, new Uint8Array([1, 0, 1]), [0.55, 0.45], [0.583333333, 0.416666667])
    expect(loss?.dataSync()[0]).toBeCloseTo(-14.75216, 3)
    expect(fairnessLoss(logits, new Uint8Array(3), [0.5, 0.5], [0.5, 0.5])).toBeNull()
  })

  it('checkpoints tau, p~ and h~ and refuses a state for another class count', () => {
    const a = new FreeMatchStrategy(2, 0.9, 0.001)
    run(a, rows3)
    const b = new FreeMatchStrategy(2, 0.9, 0.001)
    b.setState(JSON.parse(JSON.stringify(a.getState())))
    expect(run(b, rows3)).toEqual(run(a, rows3))
    expect(() => new FreeMatchStrategy(3, 0.9, 0.001).setState(a.getState())).toThrow(/FreeMatch state/)
  })
})

describe('SoftMatch (USB SoftMatchWeightingHook, DistAlignEMAHook uniform)', () => {
  it('weights by a truncated Gaussian around the EMA mean of max p (momentum 0: the batch itself)', () => {
    const s = new SoftMatchStrategy(2, 0, 2, false)
    // max p = (0.9, 0.6, 0.7): mean 0.733333, unbiased var (0.027778 + 0.017778 + 0.001111) / 2 = 0.023333
    // w = exp(-min(x - mu, 0)^2 / (2 var / 2^2)) = exp(-2 d^2 / var)
    // row 0: above the mean -> 1; row 1: d = -0.133333 -> exp(-1.523810) = 0.217880
    // row 2: d = -0.033333 -> exp(-0.095238) = 0.909156
    const out = run(s, rows3)
    expect(out.weight[0]).toBe(1)
    expect(out.weight[1]).toBeCloseTo(0.21788, 5)
    expect(out.weight[2]).toBeCloseTo(0.909156, 5)
    // Counts = full weight.
    expect(Array.from(out.mask)).toEqual([1, 0, 0])
  })

  it('moves mu and var by EMA from 1/C and 1', () => {
    const s = new SoftMatchStrategy(2, 0.5, 2, false)
    run(s, rows3)
    // mu = 0.5 * 0.5 + 0.5 * 0.733333 = 0.616667; var = 0.5 * 1 + 0.5 * 0.023333 = 0.511667
    const rule = s.rule()
    expect(rule.kind === 'weights' && rule.mean).toBeCloseTo(0.616667, 5)
    expect(rule.kind === 'weights' && rule.variance).toBeCloseTo(0.511667, 5)
  })

  it('aligns to uniform with p_model seeded by the first batch; the label stays the raw argmax', () => {
    const s = new SoftMatchStrategy(2, 0.5, 2, true)
    // p_model = batch mean (0.6, 0.4): factors 0.5 / 0.6 = 0.833333, 0.5 / 0.4 = 1.25
    // aligned: row 0 (0.75, 0.125) -> 0.857143; row 1 (0.5, 0.5) -> 0.5; row 2 (0.25, 0.875) -> 0.777778
    // mean 0.711640 -> mu = 0.25 + 0.355820 = 0.605820
    const out = run(s, rows3)
    expect(Array.from(out.pseudo)).toEqual([0, 0, 1])
    const rule = s.rule()
    expect(rule.kind === 'weights' && rule.mean).toBeCloseTo(0.60582, 4)
    expect(rule.kind === 'weights' && rule.alignment?.[1]).toBeCloseTo(1.25, 4)
    // Row 1 (aligned 0.5) is below the mean: not full weight; row 0 is.
    expect(out.weight[0]).toBe(1)
    expect(out.weight[1]).toBeLessThan(1)
  })

  it('checkpoints p_model, mu and var', () => {
    const a = new SoftMatchStrategy(2, 0.9, 2, true)
    run(a, rows3)
    const b = new SoftMatchStrategy(2, 0.9, 2, true)
    b.setState(JSON.parse(JSON.stringify(a.getState())))
    expect(run(b, rows3)).toEqual(run(a, rows3))
    expect(() => b.setState({ pModel: [1], mu: 0.5, variance: 1 })).toThrow(/SoftMatch state/)
  })
})
