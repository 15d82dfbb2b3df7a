// Each oracle mode on hand-made batches, for every SSL algorithm through its own rule: exactly
// the pseudo-labels (or weights) the mode names change, nothing else, and the rule's own
// output is left as it was (the diagnostics and the strategy's state read it).
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStrategy } from '../../../src/shared/algorithms/registry'
import { FixMatchStrategy } from '../../../src/shared/algorithms/fixmatch'
import { FlexMatchStrategy } from '../../../src/shared/algorithms/flexmatch'
import type { MaskOutput, MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import { applyAblation, noiseSeed, stepAblation } from '../../../src/engine/algorithms/oracle-ablation'
import { fixmatchStep } from '../../../src/engine/train/fixmatch-step'
import type { AblationMode } from '../../../src/shared/config/ablation'
import { SSL_ALGORITHMS } from '../../../src/shared/config/experiment-config'
import { Rng } from '../../../src/shared/rng'
import { tinyConfig } from '../train/fixtures'
import { ce, logits, tinyBatch, tinyParts } from '../helpers/tiny-step'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

// Every row's pseudo-label is 0 (so FlexMatch's class 0 is fully learned); rows 0-3 are
// confident, 4-7 are not. The true labels make 1 and 3 (confident) and 6 and 7 wrong.
const PROBS = [
  [0.97, 0.02, 0.01],
  [0.97, 0.01, 0.02],
  [0.96, 0.02, 0.02],
  [0.98, 0.01, 0.01],
  [0.4, 0.35, 0.25],
  [0.42, 0.3, 0.28],
  [0.37, 0.33, 0.3],
  [0.36, 0.34, 0.3]
]
const TRUTH = Int32Array.from([0, 2, 0, 1, 0, 0, 2, 1])

/** The algorithm's own output on the batch, after `warm` steps on it so the adaptive rules have moved. */
function own(name: (typeof SSL_ALGORITHMS)[number], warm = 3): MaskOutput {
  // FreeMatch's EMA at momentum 0.5 moves its threshold up to the batch's confidence in a few steps.
  const algorithm = { ...tinyConfig().algorithm, name, threshold: 0.9, emaMomentum: 0.5 }
  const strategy = createStrategy(tinyConfig({ algorithm }).algorithm, { numClasses: 3, numUnlabeled: 8, totalSteps: 100 })
  // AdaMatch and Dash also read a labeled batch (confident, so Dash is at rho_min by step 2).
  const labeled = { probs: new Float32Array(PROBS.slice(0, 4).flat()), labels: Int32Array.from([0, 0, 0, 0]) }
  const input = (step: number) => ({ probs: new Float32Array(PROBS.flat()), numClasses: 3, unlabeledPositions: Int32Array.from(PROBS, (_, i) => i), step, labeled })
  for (let s = 1; s < warm; s++) strategy.compute(input(s))
  return strategy.compute(input(warm))
}

const indices = (pred: (i: number) => boolean): number[] => TRUTH.reduce<number[]>((list, _, i) => (pred(i) ? [...list, i] : list), [])
const diff = <T extends ArrayLike<number>>(a: T, b: T): number[] => indices((i) => a[i] !== b[i])

describe.each(SSL_ALGORITHMS)('oracle ablations with %s', (name) => {
  const out = own(name)
  const pseudo = Array.from(out.pseudo)
  const weight = Array.from(out.weight)
  const counted = (i: number): boolean => out.weight[i] > 0
  const wrongCounted = indices((i) => counted(i) && out.pseudo[i] !== TRUTH[i])
  const snapshot = { pseudo: [...pseudo], weight: [...weight] }

  it('the batch holds wrong pseudo-labels that count, and (thresholds) wrong ones that do not; with no mask (Pi-Model, Mean Teacher) every one counts', () => {
    expect(wrongCounted.length).toBeGreaterThan(0)
    const noMask = out.rule.kind === 'threshold' && out.rule.threshold === 0
    if (noMask) expect(weight.every((w) => w === 1)).toBe(true)
    else if (out.rule.kind !== 'weights') expect(indices((i) => !counted(i) && out.pseudo[i] !== TRUTH[i]).length).toBeGreaterThan(0)
  })

  it('none changes nothing', () => {
    const t = applyAblation({ mode: 'none', noiseRate: 0 }, out, TRUTH, 3)
    expect(Array.from(t.pseudo)).toEqual(pseudo)
    expect(Array.from(t.weight)).toEqual(weight)
    expect(t.changed).toBe(0)
  })

  it('oracle-mask zeroes the weight of exactly the wrong pseudo-labels that count', () => {
    const t = applyAblation({ mode: 'oracle-mask', noiseRate: 0 }, out, TRUTH, 3)
    expect(diff(t.weight, out.weight)).toEqual(wrongCounted)
    for (const i of wrongCounted) expect(t.weight[i]).toBe(0)
    expect(Array.from(t.pseudo)).toEqual(pseudo)
    expect(t.changed).toBe(wrongCounted.length)
  })

  it('oracle-correct gives exactly those their true label, weights unchanged', () => {
    const t = applyAblation({ mode: 'oracle-correct', noiseRate: 0 }, out, TRUTH, 3)
    expect(diff(t.pseudo, out.pseudo)).toEqual(wrongCounted)
    for (const i of wrongCounted) expect(t.pseudo[i]).toBe(TRUTH[i])
    expect(Array.from(t.weight)).toEqual(weight)
    expect(t.changed).toBe(wrongCounted.length)
  })

  it('oracle-all gives every sample its true label under the rule\'s own weights', () => {
    const t = applyAblation({ mode: 'oracle-all', noiseRate: 0 }, out, TRUTH, 3)
    expect(Array.from(t.pseudo)).toEqual(Array.from(TRUTH))
    expect(Array.from(t.weight)).toEqual(weight)
    expect(t.changed).toBe(indices((i) => out.pseudo[i] !== TRUTH[i]).length)
  })

  it('noise flips round(rate x counted) of the counted ones to a wrong class, from its own generator', () => {
    const countedList = indices(counted)
    const t = applyAblation({ mode: 'noise', noiseRate: 0.5 }, out, TRUTH, 3, new Rng(7))
    const flipped = indices((i) => counted(i) && t.pseudo[i] !== TRUTH[i] && t.pseudo[i] !== out.pseudo[i])
    for (const i of diff(t.pseudo, out.pseudo)) {
      expect(counted(i)).toBe(true)
      expect(t.pseudo[i]).not.toBe(TRUTH[i])
    }
    expect(flipped.length).toBeLessThanOrEqual(Math.round(0.5 * countedList.length))
    expect(Array.from(t.weight)).toEqual(weight)
    // Every counted label is wrong at rate 1; the draw is the same for the same step.
    const all = stepAblation({ mode: 'noise', noiseRate: 1 }, TRUTH, 3, 5, 4)(out)
    for (const i of countedList) expect(all.pseudo[i]).not.toBe(TRUTH[i])
    expect(Array.from(stepAblation({ mode: 'noise', noiseRate: 1 }, TRUTH, 3, 5, 4)(out).pseudo)).toEqual(Array.from(all.pseudo))
    expect(noiseSeed(5, 4)).not.toBe(noiseSeed(5, 5))
  })

  it('leaves the rule\'s own output as it was', () => {
    for (const mode of ['oracle-mask', 'oracle-correct', 'oracle-all'] as const) applyAblation({ mode, noiseRate: 0 }, out, TRUTH, 3)
    applyAblation({ mode: 'noise', noiseRate: 1 }, out, TRUTH, 3, new Rng(1))
    expect({ pseudo: Array.from(out.pseudo), weight: Array.from(out.weight) }).toEqual(snapshot)
  })
})

describe('noise draws', () => {
  it('spreads the flips over every wrong class', () => {
    const out: MaskOutput = {
      pseudo: new Int32Array(400).fill(0),
      confidence: new Float32Array(400).fill(1),
      weight: new Float32Array(400).fill(1),
      mask: new Uint8Array(400).fill(1),
      rule: { kind: 'threshold', threshold: 0.5 }
    }
    const t = applyAblation({ mode: 'noise', noiseRate: 1 }, out, new Int32Array(400).fill(0), 4, new Rng(3))
    const seen = new Set(t.pseudo)
    expect([...seen].sort()).toEqual([1, 2, 3])
    expect(t.changed).toBe(400)
    expect(applyAblation({ mode: 'noise', noiseRate: 0.25 }, out, new Int32Array(400).fill(0), 4, new Rng(3)).changed).toBe(100)
  })
})

describe('oracle ablations inside a real step', () => {
  const batch = tinyBatch()
  // Weak pseudo-labels (0, 1) with confidences 0.76 and 0.97; the second is truly 2.
  const truth = Int32Array.from([0, 2])
  const step = (strategy: MaskStrategy, mode: AblationMode) => {
    const p = tinyParts(strategy)
    const ablate = mode === 'none' ? undefined : stepAblation({ mode, noiseRate: 0 }, truth, 3, 0, 1)
    const out = fixmatchStep(p, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1, ablate })
    p.model.dispose()
    p.optimizer.dispose()
    return out
  }

  it('trains Lu on the edited targets while the step reports the rule\'s own labels', () => {
    const [s0, s1] = [logits([1, 1]), logits([-1, 0.5])]
    const none = step(new FixMatchStrategy(0.7), 'none')
    expect(none.lossU).toBeCloseTo((ce(s0, 0) + ce(s1, 1)) / 2, 5)
    expect(none.ablationChanged).toBeNull()
    const mask = step(new FixMatchStrategy(0.7), 'oracle-mask')
    expect(mask.lossU).toBeCloseTo(ce(s0, 0) / 2, 5)
    const correct = step(new FixMatchStrategy(0.7), 'oracle-correct')
    expect(correct.lossU).toBeCloseTo((ce(s0, 0) + ce(s1, 2)) / 2, 5)
    for (const out of [mask, correct]) {
      expect(Array.from(out.pseudo)).toEqual([0, 1])
      expect(Array.from(out.weight)).toEqual([1, 1])
      expect(out.ablationChanged).toBe(1)
    }
  })

  it('FlexMatch updates its state from its own pseudo-labels under an ablation', () => {
    const plain = new FlexMatchStrategy(0.7, 3, 2)
    const oracle = new FlexMatchStrategy(0.7, 3, 2)
    step(plain, 'none')
    const out = step(oracle, 'oracle-correct')
    expect(oracle.getState()).toEqual(plain.getState())
    expect(oracle.classThresholds()).toEqual(plain.classThresholds())
    expect(out.ablationChanged).toBeGreaterThan(0)
  })
})
