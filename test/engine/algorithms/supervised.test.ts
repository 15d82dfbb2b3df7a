// The bounds' rule on a hand-computed batch: USB fullysupervised's train_step is the mean
// cross-entropy of the labeled batch and nothing else: no unlabeled forward, no unlabeled loss,
// and BatchNorm statistics moved by the labeled images alone.
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStrategy } from '../../../src/shared/algorithms/registry'
import { oracleSplit, SupervisedStrategy } from '../../../src/shared/algorithms/supervised'
import { fixmatchStep, supervisedStep, type FixMatchBatch } from '../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'
import { presetConfig } from '../../../src/shared/config/presets'
import { createTinyModel } from '../train/tiny-model'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

// 2 features, 3 classes (as in fixmatch-step.test.ts).
const W = [1, -1, 0.5, 0.2, 2, -0.5]
const B = [0.1, 0, -0.1]
const logits = (x: number[]): number[] => [0, 1, 2].map((k) => x[0] * W[k] + x[1] * W[3 + k] + B[k])
const ce = (z: number[], y: number): number => -Math.log(Math.exp(z[y]) / z.reduce((a, v) => a + Math.exp(v), 0))

/** The labeled batch of fixmatch-step.test.ts; no unlabeled batch, as the feed gives a bound. */
const batch: FixMatchBatch = {
  labeled: new Float32Array([1, 0, 0, 1]),
  labels: new Int32Array([0, 2]),
  weak: new Float32Array(0),
  strong: new Float32Array(0),
  unlabeledPositions: new Int32Array(0),
  imageShape: [1, 1, 2]
}

function parts(center = false) {
  const model = createTinyModel({ height: 1, width: 1, channels: 2, numClasses: 3, weights: new Float32Array(W), bias: new Float32Array(B), center })
  return { model, optimizer: new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 }), ema: null, strategy: new SupervisedStrategy('supervised', 0.95) }
}

describe('supervised bounds (USB fullysupervised)', () => {
  it('a step is the mean cross-entropy of the labeled batch: no unlabeled loss, no pseudo-labels', () => {
    const p = parts()
    const out = fixmatchStep(p, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    // Logits (1.1, 0.2, 0.4) with label 0 and (0.3, 2, -0.6) with label 2.
    const lx = (ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2
    expect(out.lossX).toBeCloseTo(lx, 5)
    expect(out.loss).toBeCloseTo(lx, 5)
    expect(out.lossU).toBe(0)
    expect(out.lossFairness).toBeNull()
    expect([out.pseudo.length, out.mask.length, out.weight.length]).toEqual([0, 0, 0])
    p.model.dispose()
    p.optimizer.dispose()
  })

  it('its update is the labeled-only supervised step, and only the labeled batch moves BN statistics', () => {
    const a = parts(true)
    const b = parts(true)
    fixmatchStep(a, batch, { temperature: 1, lambdaU: 1, lr: 0.1, step: 1 })
    supervisedStep(b, batch.labeled, batch.labels, batch.imageShape, 0.1)
    a.model.params.forEach((param, i) => expect(Array.from(param.variable.dataSync())).toEqual(Array.from(b.model.params[i].variable.dataSync())))
    // 0.1 * mean((1, 0), (0, 1)) = (0.05, 0.05).
    Array.from(a.model.buffers[0].variable.dataSync()).forEach((v) => expect(v).toBeCloseTo(0.05, 6))
    for (const x of [a, b]) {
      x.model.dispose()
      x.optimizer.dispose()
    }
  })

  it('masks nothing, holds no state, and refuses an unlabeled batch rather than ignore it', () => {
    const s = new SupervisedStrategy('fullysupervised', 0.95)
    expect(s.forward).toBe('labeled-only')
    expect(s.unsupScale(1)).toBe(0)
    expect(s.rule()).toEqual({ kind: 'threshold', threshold: 0.95 })
    expect(s.getState()).toEqual({})
    expect(() => s.compute({ probs: new Float32Array([0.5, 0.5]), numClasses: 2, unlabeledPositions: new Int32Array([0]), step: 1 })).toThrow(/labels only/)
  })

  it('the config picks them; the oracle labels every training image and keeps the unlabeled set', () => {
    const config = presetConfig('quick-mnist')
    for (const name of ['supervised', 'fullysupervised'] as const) {
      config.algorithm.name = name
      expect(createStrategy(config.algorithm, { numClasses: 10, numUnlabeled: 5, totalSteps: 10 }).name).toBe(name)
    }
    const split = { labeled: new Int32Array([3, 1]), unlabeled: new Int32Array([0, 1, 2, 3, 4]) }
    expect(oracleSplit(split, 5)).toEqual({ labeled: new Int32Array([0, 1, 2, 3, 4]), unlabeled: split.unlabeled })
  })
})
