// One training-mode pass of a model on the current backend, copied out: logits, every
// parameter's loss gradient and the moving statistics after it. Backend comparisons use it.
import * as tf from '@tensorflow/tfjs'
import { expect } from 'vitest'
import { createModel, type ModelOptions } from '../../../src/engine/models'
import { Rng } from '../../../src/shared/rng'

export interface PassResult {
  logits: Float32Array
  /** null for parameters off the loss path (K's dead BN1 layers get no gradient). */
  grads: (Float32Array | null)[]
  buffers: Float32Array[]
  /** Logits of the same batch in inference mode after the pass (moving statistics). */
  evalLogits: Float32Array
}

/** A seeded batch for a model: normal pixels and uniform labels. */
export function seededBatch(options: ModelOptions, batch: number): { xs: Float32Array; labels: number[] } {
  const rng = new Rng(options.seed)
  const xs = Float32Array.from({ length: batch * options.inputShape.reduce((a, b) => a * b, 1) }, () => rng.normal())
  const labels = Array.from({ length: batch }, () => rng.int(0, options.numClasses))
  return { xs, labels }
}

export function trainingPass(options: ModelOptions, xs: Float32Array, labels: number[]): PassResult {
  const model = createModel(options)
  const [h, w, c] = options.inputShape
  let result: PassResult | null = null
  tf.tidy(() => {
    const x = tf.tensor4d(xs, [labels.length, h, w, c])
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), options.numClasses)
    let logits: Float32Array = new Float32Array()
    const { grads } = tf.variableGrads(() => {
      const out = model.apply(x, true)
      logits = Float32Array.from(out.dataSync())
      return tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar
    }, model.params.map((p) => p.variable))
    result = {
      logits,
      grads: model.params.map((p) => (p.variable.name in grads ? Float32Array.from(grads[p.variable.name].dataSync()) : null)),
      buffers: model.buffers.map((b) => Float32Array.from(b.variable.dataSync())),
      evalLogits: Float32Array.from(model.apply(x, false).dataSync())
    }
  })
  model.dispose()
  if (result === null) throw new Error('no result')
  return result
}

/** Worst |actual - expected| over the largest |expected| (float32 backend comparisons). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity
  let scale = 1e-6
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  }
  return worst / scale
}

/** The model cases every backend is held to cpu on; small shapes, since cpu is very slow. */
export const CROSS_BACKEND_CASES = [
  { arch: 'small-cnn', numClasses: 10, inputShape: [12, 12, 1], bnMomentum: 0.9, leakySlope: 0.1, seed: 3 },
  { arch: 'wrn-28-2', numClasses: 10, inputShape: [8, 8, 3], bnMomentum: 0.999, leakySlope: 0.1, seed: 4 }
] satisfies ModelOptions[]

/**
 * Float32 agreement with cpu: logits, eval-mode logits and moving statistics within 1e-4,
 * gradients within 1e-3 (worst |diff| over the largest |cpu value|); a parameter off the loss
 * path has no gradient on either side.
 */
export function expectSamePass(actual: PassResult, expected: PassResult): void {
  expect(relativeError(actual.logits, expected.logits), 'logits').toBeLessThan(1e-4)
  expect(relativeError(actual.evalLogits, expected.evalLogits), 'eval logits').toBeLessThan(1e-4)
  expected.buffers.forEach((b, i) => expect(relativeError(actual.buffers[i], b), `buffer ${i}`).toBeLessThan(1e-4))
  expected.grads.forEach((g, i) => {
    const a = actual.grads[i]
    if (g === null || a === null) expect(a, `gradient ${i}`).toBe(g)
    else expect(relativeError(a, g), `gradient ${i}`).toBeLessThan(1e-3)
  })
}
