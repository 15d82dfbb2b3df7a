import { describe, expect, it } from 'vitest'
import { ALGORITHMS, validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { algorithmComparison } from '../../../src/shared/config/algorithm-variants'
import { findPreset, presetConfig, recipeNotes } from '../../../src/shared/config/presets'

describe('paper presets and recipes', () => {
  it('CIFAR-100: WRN-28-8 with weight decay 1e-3, 100 labels per class, otherwise the CIFAR-10 recipe', () => {
    const c100 = presetConfig('fixmatch-paper-cifar100-10000')
    const c10 = presetConfig('fixmatch-paper-cifar10-4000')
    expect(validateExperimentConfig(c100).ok).toBe(true)
    expect(c100).toMatchObject({ dataset: { id: 'cifar100' }, model: { arch: 'wrn-28-8' }, optimizer: { weightDecay: 1e-3 }, split: { labelsPerClass: 100 } })
    expect({ ...c100.batch, lr: c100.optimizer.lr, steps: c100.steps }).toEqual({ ...c10.batch, lr: c10.optimizer.lr, steps: c10.steps })
    expect(recipeNotes(c100)).toEqual([])
    expect(recipeNotes(c10)).toEqual([])
  })

  it('switching the CIFAR-10 preset to CIFAR-100 says the model and weight decay are not the paper’s', () => {
    const c10 = presetConfig('fixmatch-paper-cifar10-4000')
    const switched = { ...c10, dataset: { id: 'cifar100' as const } }
    expect(recipeNotes(switched)).toEqual([
      { dataset: 'cifar100', field: 'model.arch', value: 'wrn-28-2', paper: 'wrn-28-8', preset: 'fixmatch-paper-cifar100-10000' },
      { dataset: 'cifar100', field: 'optimizer.weightDecay', value: 5e-4, paper: 1e-3, preset: 'fixmatch-paper-cifar100-10000' }
    ])
    expect(recipeNotes(presetConfig('quick-mnist'))).toEqual([])
  })

  it('the comparison preset lists the five algorithms; its variants differ only in the algorithm (and Pseudo-Label uratio 1)', () => {
    const preset = findPreset('algorithm-comparison-quick-mnist')
    expect(preset?.compareAlgorithms).toEqual(ALGORITHMS)
    const variants = algorithmComparison(preset!.config)
    expect(variants.map((v) => v.algorithm.name)).toEqual([...ALGORITHMS])
    expect(variants.map((v) => v.name)).toEqual(['Quick MNIST · FixMatch', 'Quick MNIST · FlexMatch', 'Quick MNIST · Pseudo-Label', 'Quick MNIST · FreeMatch', 'Quick MNIST · SoftMatch'])
    for (const v of variants) {
      expect(validateExperimentConfig(v).ok).toBe(true)
      expect({ split: v.split, seed: v.seed, model: v.model, optimizer: v.optimizer }).toEqual({ split: preset!.config.split, seed: preset!.config.seed, model: preset!.config.model, optimizer: preset!.config.optimizer })
      expect(v.batch.mu).toBe(v.algorithm.name === 'pseudolabel' ? 1 : preset!.config.batch.mu)
    }
  })
})
