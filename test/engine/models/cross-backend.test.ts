import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { createModel, type ModelOptions } from '../../../src/engine/models'
import { Rng } from '../../../src/engine/rng'

/** Logits, loss gradients and moving statistics after one training-mode pass. */
function trainingPass(options: ModelOptions, xs: Float32Array, labels: number[]) {
  const model = createModel(options)
  const [h, w, c] = options.inputShape
  let result: { logits: Float32Array; grads: (Float32Array | null)[]; buffers: Float32Array[] } | null = null
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
      // Parameters off the loss path (K's dead BN1 layers) get no gradient at all.
      grads: model.params.map((p) => (p.variable.name in grads ? Float32Array.from(grads[p.variable.name].dataSync()) : null)),
      buffers: model.buffers.map((b) => Float32Array.from(b.variable.dataSync()))
    }
  })
  model.dispose()
  if (result === null) throw new Error('no result')
  return result as { logits: Float32Array; grads: (Float32Array | null)[]; buffers: Float32Array[] }
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let scale = 1e-6
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  }
  return worst / scale
}

describe('a training pass gives the same numbers on wasm (project kernels) and cpu', () => {
  for (const options of [
    // Small shapes: the pure-JS cpu backend is very slow.
    { arch: 'small-cnn', numClasses: 10, inputShape: [12, 12, 1], bnMomentum: 0.9, leakySlope: 0.1, seed: 3 },
    { arch: 'wrn-28-2', numClasses: 10, inputShape: [8, 8, 3], bnMomentum: 0.999, leakySlope: 0.1, seed: 4 }
  ] satisfies ModelOptions[]) {
    it(options.arch, async () => {
      const rng = new Rng(options.seed)
      const batch = 3
      const xs = Float32Array.from({ length: batch * options.inputShape.reduce((a, b) => a * b, 1) }, () => rng.normal())
      const labels = Array.from({ length: batch }, () => rng.int(0, options.numClasses))
      await selectBackend('cpu')
      const expected = trainingPass(options, xs, labels)
      await selectBackend('wasm')
      const actual = trainingPass(options, xs, labels)
      expect(relativeError(actual.logits, expected.logits)).toBeLessThan(1e-4)
      expected.grads.forEach((g, i) => {
        const a = actual.grads[i]
        if (g === null || a === null) expect(a, `gradient ${i}`).toBe(g)
        else expect(relativeError(a, g), `gradient ${i}`).toBeLessThan(1e-3)
      })
      expected.buffers.forEach((b, i) => expect(relativeError(actual.buffers[i], b), `buffer ${i}`).toBeLessThan(1e-4))
    })
  }
})
