import { describe, expect, it } from 'vitest'
import { validateExperimentConfig } from '../../../src/shared/config/experiment-config'
import { algorithmComparison, COMPARISON_ALGORITHMS, comparisonRuns } from '../../../src/shared/config/algorithm-variants'
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

  it("the comparison preset lists the eleven SSL algorithms and the two bounds; its variants differ only in the algorithm and USB's recipe for it", () => {
    const preset = findPreset('algorithm-comparison-quick-mnist')
    expect(preset?.compareAlgorithms).toEqual(COMPARISON_ALGORITHMS)
    const variants = algorithmComparison(preset!.config)
    expect(variants.map((v) => v.algorithm.name)).toEqual([...COMPARISON_ALGORITHMS])
    expect(variants.map((v) => v.name.replace('Quick MNIST · ', ''))).toEqual([
      'FixMatch', 'FlexMatch', 'Pseudo-Label', 'FreeMatch', 'SoftMatch', 'Dash', 'AdaMatch', 'UDA', 'DeFixMatch', 'Pi-Model', 'Mean Teacher',
      'Supervised (labeled only)', 'Fully supervised (oracle)'
    ])
    // USB's classic_cv configs: uratio 1 for Pseudo-Label, Pi-Model and Mean Teacher; ulb_loss_ratio 10, 50 and 0.5;
    // Pseudo-Label at 3x the steps (6,000), its own scale at uratio 1.
    const recipe: Record<string, { mu: number; lambdaU: number; steps: number }> = {
      pseudolabel: { mu: 1, lambdaU: 1, steps: 6000 },
      pimodel: { mu: 1, lambdaU: 10, steps: 2000 },
      meanteacher: { mu: 1, lambdaU: 50, steps: 2000 },
      defixmatch: { mu: 7, lambdaU: 0.5, steps: 2000 }
    }
    for (const v of variants) {
      expect(validateExperimentConfig(v).ok).toBe(true)
      expect({ split: v.split, seed: v.seed, model: v.model, optimizer: v.optimizer, ema: v.ema }).toEqual({ split: preset!.config.split, seed: preset!.config.seed, model: preset!.config.model, optimizer: preset!.config.optimizer, ema: preset!.config.ema })
      expect([v.algorithm.name, v.batch.mu, v.algorithm.lambdaU, v.steps]).toEqual([v.algorithm.name, ...Object.values(recipe[v.algorithm.name] ?? { mu: 7, lambdaU: 1, steps: 2000 })])
    }
  })

  it('the comparison preset engages every rule: lr 0.03, mu 7, 2,000 steps, EMA momentum 0.99; Quick MNIST stays as it was', () => {
    const c = presetConfig('algorithm-comparison-quick-mnist')
    const quick = presetConfig('quick-mnist')
    expect({ lr: c.optimizer.lr, mu: c.batch.mu, steps: c.steps, emaMomentum: c.algorithm.emaMomentum }).toEqual({ lr: 0.03, mu: 7, steps: 2000, emaMomentum: 0.99 })
    expect({ split: c.split, model: c.model, ema: c.ema, seed: c.seed }).toEqual({ split: quick.split, model: quick.model, ema: quick.ema, seed: quick.seed })
    expect({ lr: quick.optimizer.lr, mu: quick.batch.mu, steps: quick.steps, emaMomentum: quick.algorithm.emaMomentum }).toEqual({ lr: 0.3, mu: 3, steps: 600, emaMomentum: 0.999 })
    expect(findPreset('algorithm-comparison-quick-mnist')?.compareSeeds).toBe(3)
  })

  it('a comparison runs every algorithm on N training seeds of one split, seed-major', () => {
    const c = presetConfig('algorithm-comparison-quick-mnist')
    const runs = comparisonRuns(c, ['fixmatch', 'supervised'], 3)
    expect(runs.map((r) => [r.algorithm, r.seed])).toEqual([
      ['fixmatch', 1], ['supervised', 1], ['fixmatch', 2], ['supervised', 2], ['fixmatch', 3], ['supervised', 3]
    ])
    for (const r of runs) {
      expect(r.config.seed).toBe(r.seed)
      expect(r.config.split).toEqual(c.split)
      expect(r.config.name).toBe(`Quick MNIST · ${r.algorithm === 'fixmatch' ? 'FixMatch' : 'Supervised (labeled only)'} · seed ${r.seed}`)
    }
  })
})
