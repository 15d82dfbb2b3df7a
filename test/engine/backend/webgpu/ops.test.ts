// Every op the models train with, value and gradient on webgpu against the cpu backend.
// Tolerance (float32, worst |diff| over the largest |cpu value|): 1e-4 for values and
// gradients of single ops, 1e-3 for whole-model gradients (sums over many more terms).
import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { batchNormTraining } from '../../../../src/engine/models/batch-norm'
import { conv2d, dense, globalAvgPool, leakyRelu } from '../../../../src/engine/models/layers'
import { Rng } from '../../../../src/shared/rng'
import { describeWebgpu } from './gate'
import { onBackend, relativeError, type Outputs } from './compare'

const OP_TOLERANCE = 1e-4

function random(rng: Rng, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape)
}

/** f's value (as outputs) and its gradients with respect to each input, through tfjs's tape. */
function valueAndGrads(seed: number, shapes: number[][], f: (...xs: tf.Tensor[]) => tf.Tensor): () => Record<string, tf.Tensor> {
  return () => {
    const rng = new Rng(seed)
    const inputs = shapes.map((s) => random(rng, s))
    const value = f(...inputs)
    // A random cotangent, so every output element weighs differently in the gradient.
    const dy = random(rng, value.shape)
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), dy)))(inputs)
    return { value, ...Object.fromEntries(grads.map((g, i) => [`d${i}`, g])) }
  }
}

const worst: Record<string, number> = {}

async function expectMatchesCpu(name: string, fn: () => Record<string, tf.Tensor>, tolerance = OP_TOLERANCE): Promise<void> {
  const expected: Outputs = await onBackend('cpu', fn)
  const actual: Outputs = await onBackend('webgpu', fn)
  for (const key of Object.keys(expected)) {
    const error = relativeError(actual[key], expected[key])
    worst[`${name} ${key}`] = error
    expect(error, `${name}: ${key}`).toBeLessThan(tolerance)
  }
}

describeWebgpu('webgpu ops match cpu (value and gradient)', () => {
  const convCases = [
    { x: [3, 9, 9, 4], k: 3, outC: 6, stride: 1, pad: 'same' as const },
    { x: [3, 9, 9, 4], k: 3, outC: 6, stride: 2, pad: 1 },
    { x: [2, 8, 8, 5], k: 1, outC: 7, stride: 2, pad: 'valid' as const },
    { x: [2, 8, 8, 16], k: 3, outC: 16, stride: 1, pad: 1 }
  ]
  for (const c of convCases) {
    it(`conv2d x ${c.x.join('x')} k${c.k} s${c.stride} pad ${c.pad}: forward, input and filter gradients`, async () => {
      await expectMatchesCpu(
        `conv2d ${c.x.join('x')} k${c.k} s${c.stride}`,
        valueAndGrads(c.x[3] * 7 + c.k, [c.x, [c.k, c.k, c.x[3], c.outC]], (x, w) => conv2d(x as tf.Tensor4D, w as tf.Variable, c.stride, c.pad))
      )
    })
  }

  it('training BatchNorm (the project op on column sums): output, gradients and batch statistics', async () => {
    const fn = (): Record<string, tf.Tensor> => {
      const stats: Record<string, tf.Tensor> = {}
      const grads = valueAndGrads(11, [[4, 5, 5, 6], [6], [6]], (x, g, b) =>
        batchNormTraining(tf.add(tf.mul(x, 3), 1.5) as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, (s) => {
          stats.mean ??= tf.keep(tf.clone(s.mean))
          stats.variance ??= tf.keep(tf.clone(s.variance))
        })
      )()
      return { ...grads, ...stats }
    }
    await expectMatchesCpu('batchNorm training', fn)
  })

  it('inference BatchNorm (moving statistics)', async () => {
    await expectMatchesCpu(
      'batchNorm inference',
      valueAndGrads(12, [[3, 4, 4, 5], [5], [5], [5], [5]], (x, mean, v, beta, gamma) =>
        tf.batchNorm4d(x as tf.Tensor4D, mean as tf.Tensor1D, tf.add(tf.square(v), 0.5) as tf.Tensor1D, beta as tf.Tensor1D, gamma as tf.Tensor1D, 1e-5)
      )
    )
  })

  it('LeakyReLU with the project gradient', async () => {
    await expectMatchesCpu('leakyRelu', valueAndGrads(13, [[3, 6, 6, 4]], (x) => leakyRelu(x, 0.1)))
  })

  it('global average pool', async () => {
    await expectMatchesCpu('avgPool', valueAndGrads(14, [[3, 5, 5, 8]], (x) => globalAvgPool(x as tf.Tensor4D)))
  })

  it('dense (matMul + bias)', async () => {
    await expectMatchesCpu(
      'dense',
      valueAndGrads(15, [[5, 12], [12, 10], [10]], (x, weight, bias) => dense(x as tf.Tensor2D, { weight: weight as tf.Variable, bias: bias as tf.Variable }))
    )
  })

  it('softmax cross-entropy, as the FixMatch step weighs it', async () => {
    const labels = [3, 0, 9, 9, 1, 4]
    const weights = [1, 0, 1, 0.5, 1, 0]
    await expectMatchesCpu(
      'softmax cross-entropy',
      valueAndGrads(16, [[6, 10]], (logits) => {
        const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(labels, 'int32'), 10)), 1))
        return tf.div(tf.sum(tf.mul(nll, tf.tensor1d(weights))), labels.length)
      })
    )
  })

  it('stays within tolerance (the measured worst errors)', () => {
    console.log(`webgpu vs cpu, worst relative errors: ${JSON.stringify(worst)}`)
    expect(Object.keys(worst).length).toBeGreaterThan(20)
  })
})
