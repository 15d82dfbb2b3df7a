import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { describe, expect, it } from 'vitest'
import { FixMatchStrategy } from '../../../src/engine/algorithms/fixmatch'
import { createStrategy } from '../../../src/engine/algorithms'
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

  it('is what the config asks for; algorithms not implemented are refused at validation', () => {
    const config = presetConfig('quick-mnist')
    const context = { numClasses: 10, numUnlabeled: 100 }
    expect(createStrategy(config, context).name).toBe('fixmatch')
    config.algorithm.name = 'flexmatch'
    expect(createStrategy(config, context).name).toBe('flexmatch')
    const freematch = { ...config, algorithm: { ...config.algorithm, name: 'freematch' } }
    const validation = validateExperimentConfig(freematch)
    expect(validation.ok).toBe(false)
    if (!validation.ok) expect(validation.issues[0]).toMatchObject({ path: 'algorithm.name' })
  })
})
