import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { describe, expect, it } from 'vitest'
import { FixMatchStrategy } from '../../../src/shared/algorithms/fixmatch'
import { createStrategy } from '../../../src/shared/algorithms/registry'
import { presetConfig } from '../../../src/shared/config/presets'

describe('FixMatchStrategy', () => {
  it('masks confidence >= threshold (inclusive, in float32) and takes the argmax', () => {
    const s = new FixMatchStrategy(0.95)
    const probs = new Float32Array([0.95, 0.05, 0.2, 0.8, 0.01, 0.99, 0.5, 0.5])
    const out = s.compute({ probs, numClasses: 2, unlabeledPositions: new Int32Array([0, 1, 2, 3]), step: 1 })
    expect(Array.from(out.pseudo)).toEqual([0, 1, 1, 0])
    expect(Array.from(out.mask)).toEqual([1, 0, 1, 0])
    expect(Array.from(out.weight)).toEqual([1, 0, 1, 0])
    expect(out.confidence[2]).toBeCloseTo(0.99, 6)
  })

  it('is what the config asks for, for each of the five algorithms; unknown names and bad fields are refused at validation', () => {
    const config = presetConfig('quick-mnist')
    const context = { numClasses: 10, numUnlabeled: 100, totalSteps: 600 }
    for (const name of ['fixmatch', 'flexmatch', 'pseudolabel', 'freematch', 'softmatch'] as const) {
      config.algorithm.name = name
      expect(createStrategy(config.algorithm, context).name).toBe(name)
    }
    const validation = validateExperimentConfig({ ...config, algorithm: { ...config.algorithm, name: 'mixmatch' } })
    expect(validation.ok).toBe(false)
    if (!validation.ok) expect(validation.issues[0]).toMatchObject({ path: 'algorithm.name' })
    const bad = validateExperimentConfig({ ...config, algorithm: { ...config.algorithm, emaMomentum: 1, unsupWarmup: -1 } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.issues).toEqual(
        expect.arrayContaining([
          { path: 'algorithm.emaMomentum', message: 'emaMomentum must be in [0, 1)' },
          { path: 'algorithm.unsupWarmup', message: 'unsupWarmup must be in [0, 1]' }
        ])
      )
    }
    // Configs written before the new fields get USB's defaults.
    const { unsupWarmup: _w, emaMomentum: _m, fairnessWeight: _f, nSigma: _n, distAlign: _d, ...old } = config.algorithm
    const parsed = validateExperimentConfig({ ...config, algorithm: old })
    expect(parsed.ok && parsed.config.algorithm).toMatchObject({ unsupWarmup: 0.4, emaMomentum: 0.999, fairnessWeight: 0.001, nSigma: 2, distAlign: true })
  })
})
