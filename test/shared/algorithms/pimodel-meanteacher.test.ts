// Pi-Model and Mean Teacher's rules on hand-computed batches: no mask (every sample at weight 1),
// the target is the weak view's softmax, the pseudo-label its argmax, USB's warm-up ramp.
import { describe, expect, it } from 'vitest'
import { MeanTeacherStrategy, meanTeacherRefusal } from '../../../src/shared/algorithms/meanteacher'
import { PiModelStrategy } from '../../../src/shared/algorithms/pimodel'
import { unsupWarmupScale } from '../../../src/shared/algorithms/unsup-warmup'
import { configThreshold, softTargets } from '../../../src/shared/algorithms/registry'
import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { presetConfig } from '../../../src/shared/config/presets'
import { counts, ruleUse, useSummary } from '../../../src/shared/pseudo-label-rule'

// Three rows, three classes: a confident row, a near-uniform one (0.34 would fail any real threshold), a tie-free middle one.
const probs = new Float32Array([0.9, 0.05, 0.05, 0.33, 0.34, 0.33, 0.2, 0.1, 0.7])
const input = { probs, numClasses: 3, unlabeledPositions: new Int32Array([0, 1, 2]), step: 1 }

describe('Pi-Model rule', () => {
  it('trains every sample at weight 1 toward the weak view\'s softmax, labelled by its argmax', () => {
    const out = new PiModelStrategy(0.4, 10).compute(input)
    expect(Array.from(out.pseudo)).toEqual([0, 1, 2])
    expect(Array.from(out.confidence)).toEqual([0.9, 0.34, 0.7].map(Math.fround))
    expect(Array.from(out.weight)).toEqual([1, 1, 1])
    expect(Array.from(out.mask)).toEqual([1, 1, 1])
    expect(Array.from(out.targets ?? [])).toEqual(Array.from(probs))
    // A copy: the step's read-back may be reused without moving the targets.
    expect(out.targets).not.toBe(probs)
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0 })
  })

  it('counts every pseudo-label under its rule, so confident-wrong is every wrong one', () => {
    const rule = new PiModelStrategy(0.4, 10).rule()
    expect(counts(rule, 0, 4)).toBe(true)
    // Right, wrong, wrong: confident-wrong 2, mask rate 1, masked accuracy 1/3.
    const use = useSummary(ruleUse(rule, [0.9, 0.34, 0.7], [0, 1, 2], [1, 0, 0]))
    expect(use).toEqual({ maskRate: 1, plAccMasked: 1 / 3, confidentWrong: 2 })
  })

  it('ramps lambda_u as USB: clip(it / (unsup_warm_up num_train_iter), 0, 1), it = step - 1', () => {
    const s = new PiModelStrategy(0.4, 10)
    // 0.4 of 10 steps: it 0, 2, 4, 8 -> 0, 0.5, 1, 1.
    expect([1, 3, 5, 9].map((step) => s.unsupScale(step))).toEqual([0, 0.5, 1, 1])
    expect(unsupWarmupScale(1, 0, 10)).toBe(1)
    expect(s.getState()).toEqual({})
  })

  it('asks the step for two weak views forwarded alone, the live model labelling the first', () => {
    const s = new PiModelStrategy(0.4, 10)
    expect([s.forward, s.readsTemperature]).toEqual(['two-weak', false])
    expect((s as { teacher?: string }).teacher).toBeUndefined()
  })
})

describe('Mean Teacher rule', () => {
  it('is Pi-Model\'s with the EMA as teacher', () => {
    const s = new MeanTeacherStrategy(0.4, 10)
    expect([s.name, s.forward, s.teacher]).toEqual(['meanteacher', 'two-weak', 'ema'])
    expect(Array.from(s.compute(input).weight)).toEqual([1, 1, 1])
    expect(s.unsupScale(3)).toBe(0.5)
  })

  it('refuses a config that keeps no model EMA (its teacher), and only that', () => {
    const config = (name: 'meanteacher' | 'pimodel', enabled: boolean) => {
      const c = presetConfig('quick-mnist')
      return { ...c, algorithm: { ...c.algorithm, name }, ema: { ...c.ema, enabled } }
    }
    expect(meanTeacherRefusal({ ema: { enabled: true } })).toBeNull()
    const refused = validateExperimentConfig(config('meanteacher', false))
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.issues).toEqual([{ path: 'ema.enabled', message: expect.stringMatching(/teacher is the model's EMA/) }])
    expect(validateExperimentConfig(config('meanteacher', true)).ok).toBe(true)
    expect(validateExperimentConfig(config('pimodel', false)).ok).toBe(true)
  })

describe('what the UI reads of them', () => {
  it('both train on soft targets with no mask: the browser notes it and its filter starts at 0, whatever threshold says', () => {
    for (const name of ['pimodel', 'meanteacher'] as const) {
      expect(softTargets(name, { kind: 'threshold', threshold: 0 })).toBe(true)
      expect(configThreshold({ ...presetConfig('quick-mnist').algorithm, name, threshold: 0.95 })).toBe(0)
    }
    expect(softTargets('fixmatch', { kind: 'threshold', threshold: 0.95 })).toBe(false)
  })
})
})
