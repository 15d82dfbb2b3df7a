import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { FixMatchStrategy } from '../../../src/shared/algorithms/fixmatch'
import { fixmatchStep, type FixMatchBatch } from '../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'
import { ParamEma } from '../../../src/engine/train/ema'
import { B, W, ce, logits, softmax, tinyBatch, tinyParts } from '../helpers/tiny-step'
import { createTinyModel } from './tiny-model'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

// B = 2 labeled, mu = 1, at unlabeled positions 5 and 7.
const batch = tinyBatch([5, 7])
const setup = (threshold: number) => tinyParts(new FixMatchStrategy(threshold))

describe('fixmatchStep', () => {
  it('matches a hand-computed loss, pseudo-labels, mask and gradient', () => {
    // weak rows: x=(2,0) -> logits (2.1, -2, 0.9); x=(0,2) -> (0.4, 4, -1.1)
    const pw = [softmax(logits([2, 0])), softmax(logits([0, 2]))]
    const threshold = 0.8 // first weak row has confidence ~0.76, second ~0.97
    const maskExpected = pw.map((p) => (Math.max(...p) >= threshold ? 1 : 0))
    expect(maskExpected).toEqual([0, 1])
    const lx = (ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2
    // Lu divides by the full unlabeled batch (2), not by the masked count (1).
    const lu = (0 * ce(logits([1, 1]), 0) + 1 * ce(logits([-1, 0.5]), 1)) / 2

    const parts = setup(threshold)
    const out = fixmatchStep(parts, batch, { temperature: 1, lambdaU: 2, lr: 1, step: 1 })
    expect(out.lossX).toBeCloseTo(lx, 5)
    expect(out.lossU).toBeCloseTo(lu, 5)
    expect(out.loss).toBeCloseTo(lx + 2 * lu, 5)
    expect(Array.from(out.pseudo)).toEqual([0, 1])
    expect(Array.from(out.mask)).toEqual(maskExpected)
    expect(out.confidence[1]).toBeCloseTo(Math.max(...pw[1]), 5)

    // dL/dz: labeled (p - y)/2; strong row 2: lambdaU * (p - onehot(1))/2; weak rows: 0.
    const rows: { x: number[]; dz: number[] }[] = [
      { x: [1, 0], dz: softmax(logits([1, 0])).map((p, k) => (p - (k === 0 ? 1 : 0)) / 2) },
      { x: [0, 1], dz: softmax(logits([0, 1])).map((p, k) => (p - (k === 2 ? 1 : 0)) / 2) },
      { x: [-1, 0.5], dz: softmax(logits([-1, 0.5])).map((p, k) => (2 * (p - (k === 1 ? 1 : 0))) / 2) }
    ]
    const gradW = W.map((_, i) => rows.reduce((s, r) => s + r.x[Math.floor(i / 3)] * r.dz[i % 3], 0))
    const gradB = B.map((_, k) => rows.reduce((s, r) => s + r.dz[k], 0))
    const newW = Array.from(parts.model.params[0].variable.dataSync())
    const newB = Array.from(parts.model.params[1].variable.dataSync())
    newW.forEach((v, i) => expect(v).toBeCloseTo(W[i] - gradW[i], 5))
    newB.forEach((v, k) => expect(v).toBeCloseTo(B[k] - gradB[k], 5))
    parts.model.dispose()
    parts.optimizer.dispose()
  })

  it('applies the temperature to the weak view before thresholding', () => {
    const parts = setup(0.9)
    // T = 0.25 sharpens: the first weak row (conf ~0.76 at T=1) passes.
    const out = fixmatchStep(parts, batch, { temperature: 0.25, lambdaU: 1, lr: 0, step: 1 })
    expect(Array.from(out.mask)).toEqual([1, 1])
    parts.model.dispose()
    parts.optimizer.dispose()
  })

  it('leaks no tensors across steps (optimizer with momentum, EMA, BatchNorm-like buffer)', () => {
    const model = createTinyModel({ height: 4, width: 4, channels: 1, numClasses: 3, center: true })
    const optimizer = new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 })
    const parts = { model, optimizer, ema: new ParamEma(model.params, 0.99), strategy: new FixMatchStrategy(0.5) }
    const rnd = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 2)
    const big: FixMatchBatch = {
      labeled: rnd(4 * 16),
      labels: new Int32Array([0, 1, 2, 0]),
      weak: rnd(8 * 16),
      strong: rnd(8 * 16).reverse(),
      unlabeledPositions: new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]),
      imageShape: [4, 4, 1]
    }
    fixmatchStep(parts, big, { temperature: 1, lambdaU: 1, lr: 0.1, step: 1 })
    const before = tf.memory().numTensors
    for (let i = 0; i < 5; i++) fixmatchStep(parts, big, { temperature: 1, lambdaU: 1, lr: 0.1, step: i + 2 })
    expect(tf.memory().numTensors).toBe(before)
  })
})
