// One training-mode pass of a model on the current backend, copied out: logits, every
// parameter's loss gradient and the moving statistics after it. Backend comparisons use it.
import * as tf from '@tensorflow/tfjs'
import { createModel, type ModelOptions } from '../../../src/engine/models'
import { Rng } from '../../../src/engine/rng'

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
