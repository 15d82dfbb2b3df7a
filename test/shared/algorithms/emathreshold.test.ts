// The guide's example algorithm (docs/guide/your-algorithm.md) against values worked out by hand
// in the comments: tau_t = clip(e_{t-1}, floor, tau), mask = max p >= tau_t, then
// e_t = m e_{t-1} + (1 - m) mean max p, from e_0 = tau.
import { describe, expect, it } from 'vitest'
import { EmaThresholdStrategy } from '../../../src/shared/algorithms/emathreshold'
import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { presetConfig } from '../../../src/shared/config/presets'
import { counts } from '../../../src/shared/pseudo-label-rule'

const strategy = () => new EmaThresholdStrategy({ ceiling: 0.9, floor: 0.6, momentum: 0.5 })
const input = (rows: number[][]) => ({ probs: new Float32Array(rows.flat()), numClasses: rows[0].length, unlabeledPositions: Int32Array.from(rows, (_, i) => i), step: 1 })

describe('EMA threshold (the guide example)', () => {
  it('masks its first batch at the ceiling, as FixMatch would (0.9 passes itself in float32)', () => {
    const s = strategy()
    expect(s.rule()).toEqual({ kind: 'threshold', threshold: 0.9 })
    const out = s.compute(input([[0.95, 0.05], [0.7, 0.3], [0.2, 0.8], [0.9, 0.1]]))
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0.9 })
    expect(Array.from(out.pseudo)).toEqual([0, 0, 1, 0])
    expect(Array.from(out.mask)).toEqual([1, 0, 0, 1])
    expect(Array.from(out.weight)).toEqual([1, 0, 0, 1])
    // The shared rule module counts what the mask trained on.
    expect(Array.from(out.confidence, (c, i) => counts(out.rule, c, out.pseudo[i]))).toEqual([true, false, false, true])
  })

  it('follows the EMA of the mean max probability down to the floor, the next rule being the next cut', () => {
    const s = strategy()
    // mean(0.95, 0.7, 0.8, 0.9) = 0.8375; e1 = 0.5 * 0.9 + 0.5 * 0.8375 = 0.86875.
    s.compute(input([[0.95, 0.05], [0.7, 0.3], [0.2, 0.8], [0.9, 0.1]]))
    expect(s.threshold()).toBeCloseTo(0.86875, 6)
    expect(s.getState().ema).toBeCloseTo(0.86875, 6)
    // Masked at 0.86875: 0.88 passes, 0.6 does not; mean 0.74, e2 = 0.434375 + 0.37 = 0.804375.
    const second = s.compute(input([[0.88, 0.12], [0.4, 0.6]]))
    expect(second.rule.kind === 'threshold' && second.rule.threshold).toBeCloseTo(0.86875, 6)
    expect(Array.from(second.mask)).toEqual([1, 0])
    expect(s.threshold()).toBeCloseTo(0.804375, 6)
    // mean(0.5, 0.5) = 0.5: e3 = 0.4021875 + 0.25 = 0.6521875; e4 = 0.32609375 + 0.25 = 0.57609375 < floor.
    s.compute(input([[0.5, 0.5], [0.5, 0.5]]))
    expect(s.threshold()).toBeCloseTo(0.6521875, 6)
    s.compute(input([[0.5, 0.5], [0.5, 0.5]]))
    expect(s.getState().ema).toBeCloseTo(0.57609375, 6)
    expect(s.threshold()).toBe(0.6)
    // At the floor 0.6 passes and 0.59 does not.
    expect(Array.from(s.compute(input([[0.6, 0.4], [0.41, 0.59]])).mask)).toEqual([1, 0])
  })

  it('never cuts above the ceiling, however confident the batches', () => {
    const s = strategy()
    // e1 = 0.45 + 0.5 = 0.95 > 0.9: the cut stays 0.9.
    s.compute(input([[1, 0], [0, 1]]))
    expect(s.getState().ema).toBeCloseTo(0.95, 6)
    expect(s.rule()).toEqual({ kind: 'threshold', threshold: 0.9 })
  })

  it('leaves the EMA alone on an empty batch', () => {
    const s = strategy()
    const out = s.compute({ probs: new Float32Array(0), numClasses: 2, unlabeledPositions: new Int32Array(0), step: 1 })
    expect(out.mask.length).toBe(0)
    expect(s.getState()).toEqual({ ema: 0.9 })
  })

  it('checkpoints its EMA: a strategy restored from getState masks the next batch as the original does', () => {
    const s = strategy()
    s.compute(input([[0.95, 0.05], [0.7, 0.3], [0.2, 0.8], [0.9, 0.1]]))
    const restored = strategy()
    restored.setState(JSON.parse(JSON.stringify(s.getState())) as Record<string, unknown>)
    const batch = input([[0.88, 0.12], [0.86, 0.14]])
    const [a, b] = [s.compute(batch), restored.compute(batch)]
    expect(Array.from(b.mask)).toEqual([1, 0])
    expect(b).toEqual(a)
    expect(restored.getState()).toEqual(s.getState())
  })

  it('refuses a checkpoint without a finite EMA as a corrupt session', () => {
    expect(() => strategy().setState({})).toThrow(expect.objectContaining({ code: 'session-corrupt', message: expect.stringMatching(/ema/) }))
    expect(() => strategy().setState({ ema: [0.5, 0.6] })).toThrow(/ema/)
  })

  it('is refused when its floor exceeds tau, and runs at the defaults a config leaves out', () => {
    const base = presetConfig('quick-mnist')
    const config = (algorithm: Record<string, unknown>) => validateExperimentConfig({ ...base, algorithm: { ...base.algorithm, name: 'emathreshold', ...algorithm } })
    expect(config({ threshold: 0.6, thresholdFloor: 0.8 })).toEqual({ ok: false, issues: [{ path: 'algorithm.thresholdFloor', message: 'thresholdFloor 0.8 must not exceed threshold 0.6, the ceiling its EMA starts from' }] })
    const defaults = config({})
    expect(defaults.ok && defaults.config.algorithm).toMatchObject({ threshold: 0.95, thresholdFloor: 0.7 })
    expect(config({ threshold: 0.7, thresholdFloor: 0.7 }).ok).toBe(true)
  })
})
