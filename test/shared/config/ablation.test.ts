import { describe, expect, it } from 'vitest'
import { ablationOf, isOracle, withAblation, withOracleName } from '../../../src/shared/config/ablation'
import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { presetConfig } from '../../../src/shared/config/presets'

describe('ablation config', () => {
  const quick = presetConfig('quick-mnist')

  it('old configs without ablation still load, as mode none', () => {
    const result = validateExperimentConfig(quick)
    expect(result.ok).toBe(true)
    if (result.ok) expect(ablationOf(result.config)).toEqual({ mode: 'none', noiseRate: 0 })
  })

  it('withAblation changes the mode and the name (which says oracle), nothing else', () => {
    const mask = withAblation(quick, 'oracle-mask')
    expect(mask.ablation).toEqual({ mode: 'oracle-mask', noiseRate: 0 })
    expect(mask.name).toMatch(/oracle-mask \(oracle\)$/)
    const { ablation: _a, name: _n, ...rest } = mask
    const { ablation: _b, name: _m, ...base } = quick
    expect(rest).toEqual(base)
    expect(withAblation(quick, 'noise', 0.2).name).toMatch(/noise 20% \(oracle\)$/)
    expect(withAblation(quick, 'none').name).toBe(quick.name)
    expect(isOracle('none')).toBe(false)
    expect(isOracle('oracle-all')).toBe(true)
  })

  it('refuses an oracle ablation for the bounds, with a clear issue', () => {
    for (const name of ['supervised', 'fullysupervised'] as const) {
      const config = withAblation({ ...quick, algorithm: { ...quick.algorithm, name } }, 'oracle-mask')
      const result = validateExperimentConfig(config)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.issues).toEqual([{ path: 'ablation.mode', message: expect.stringMatching(/needs pseudo-labels; .*supervised trains on none/) }])
    }
    expect(validateExperimentConfig(withAblation({ ...quick, algorithm: { ...quick.algorithm, name: 'supervised' } }, 'none')).ok).toBe(true)
  })

  it('rejects a noise rate outside [0, 1] and an unknown mode', () => {
    expect(validateExperimentConfig({ ...quick, ablation: { mode: 'noise', noiseRate: 1.5 } }).ok).toBe(false)
    expect(validateExperimentConfig({ ...quick, ablation: { mode: 'oracle' } }).ok).toBe(false)
  })
})

describe('withOracleName', () => {
  const quick = presetConfig('quick-mnist')
  it('renames an oracle run whose name does not say oracle, and leaves the rest alone', () => {
    expect(withOracleName({ ...quick, ablation: { mode: 'oracle-correct', noiseRate: 0 } }).name).toBe('Quick MNIST · oracle-correct (oracle)')
    const named = withAblation(quick, 'oracle-mask')
    expect(withOracleName(named)).toBe(named)
    expect(withOracleName(quick)).toBe(quick)
  })
})
