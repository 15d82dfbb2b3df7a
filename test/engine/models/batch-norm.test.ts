import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { batchNorm, ParamStore, updateMovingStats } from '../../../src/engine/models/layers'
import { BN_EPSILON } from '../../../src/engine/models/batch-norm'
import { Rng } from '../../../src/shared/rng'

function randomInput(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  const rng = new Rng(seed)
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1))
  for (let i = 0; i < values.length; i++) values[i] = rng.normal() * 2 + 0.5
  return tf.tensor4d(values, shape)
}

/** Per-channel mean and biased variance over N, H, W, in float64. */
function channelStats(values: Float32Array, channels: number) {
  const count = values.length / channels
  const mean = new Float64Array(channels)
  const variance = new Float64Array(channels)
  for (let i = 0; i < values.length; i++) mean[i % channels] += values[i] / count
  for (let i = 0; i < values.length; i++) variance[i % channels] += (values[i] - mean[i % channels]) ** 2 / count
  return { mean, variance, count }
}

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4): void {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tol * (1 + Math.abs(expected[i])))
}

describe('batchNorm layer', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('training mode normalizes with batch statistics and assigns momentum*old + (1-momentum)*batch (unbiased var)', () => {
    const store = new ParamStore(1)
    const bn = store.batchNorm('bn', 3)
    bn.gamma.assign(tf.tensor1d([1, 2, 0.5]))
    bn.beta.assign(tf.tensor1d([0, -1, 3]))
    const x = randomInput([2, 3, 2, 3], 7)
    const xs = x.dataSync() as Float32Array
    const { mean, variance, count } = channelStats(xs, 3)
    const momentum = 0.9
    const y = tf.tidy(() => batchNorm(bn, x, true, momentum))
    const gamma = [1, 2, 0.5]
    const beta = [0, -1, 3]
    const expectedY = Array.from(xs, (v, i) => ((v - mean[i % 3]) / Math.sqrt(variance[i % 3] + BN_EPSILON)) * gamma[i % 3] + beta[i % 3])
    expectAllClose(y.dataSync(), expectedY)
    expectAllClose(bn.movingMean.dataSync(), Array.from(mean, (m) => 0.9 * 0 + 0.1 * m))
    expectAllClose(bn.movingVar.dataSync(), Array.from(variance, (v) => 0.9 * 1 + 0.1 * ((v * count) / (count - 1))))
    tf.dispose([x, y])
    store.dispose()
  })

  it('updateMovingStats (dead BN1) assigns the same moving statistics, also while a gradient tape records', () => {
    const store = new ParamStore(1)
    const bn = store.batchNorm('bn', 3)
    const x = randomInput([2, 4, 3, 3], 11)
    const { mean, variance, count } = channelStats(x.dataSync() as Float32Array, 3)
    const w = tf.variable(tf.scalar(2))
    const before = tf.memory().numTensors
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        updateMovingStats(bn, x, 0.9)
        return tf.mul(tf.sum(x), w) as tf.Scalar
      }, [w])
      expect(Object.keys(grads)).toEqual([w.name])
    })
    expect(tf.memory().numTensors).toBe(before)
    expectAllClose(bn.movingMean.dataSync(), Array.from(mean, (m) => 0.1 * m))
    expectAllClose(bn.movingVar.dataSync(), Array.from(variance, (v) => 0.9 + 0.1 * ((v * count) / (count - 1))))
    tf.dispose([x, w])
    store.dispose()
  })

  it('eval mode uses the moving statistics and leaves them unchanged', () => {
    const store = new ParamStore(2)
    const bn = store.batchNorm('bn', 2)
    bn.movingMean.assign(tf.tensor1d([0.5, -1]))
    bn.movingVar.assign(tf.tensor1d([4, 0.25]))
    const x = randomInput([3, 2, 2, 2], 9)
    const y = tf.tidy(() => batchNorm(bn, x, false, 0.999))
    const mm = [0.5, -1]
    const mv = [4, 0.25]
    expectAllClose(y.dataSync(), Array.from(x.dataSync(), (v, i) => (v - mm[i % 2]) / Math.sqrt(mv[i % 2] + BN_EPSILON)))
    expectAllClose(bn.movingMean.dataSync(), mm, 1e-7)
    expectAllClose(bn.movingVar.dataSync(), mv, 1e-7)
    tf.dispose([x, y])
    store.dispose()
  })

  it('its hand-written gradient equals autodiff of the textbook formula (cpu reference)', async () => {
    const shape: [number, number, number, number] = [4, 3, 5, 6]
    const run = (custom: boolean) =>
      tf.tidy(() => {
        const store = new ParamStore(3)
        const bn = store.batchNorm('bn', shape[3])
        bn.gamma.assign(tf.linspace(0.5, 2, shape[3]))
        bn.beta.assign(tf.linspace(-1, 1, shape[3]))
        const x = randomInput(shape, 11)
        const r = randomInput(shape, 12)
        const loss = (input: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
          const x4 = input as tf.Tensor4D
          if (custom) {
            const view = { ...bn, gamma: gamma as tf.Variable, beta: beta as tf.Variable }
            return tf.sum(tf.mul(batchNorm(view, x4, true, 0.9), r))
          }
          const { mean, variance } = tf.moments(x4, [0, 1, 2])
          return tf.sum(tf.mul(tf.batchNorm4d(x4, mean as tf.Tensor1D, variance as tf.Tensor1D, beta as tf.Tensor1D, gamma as tf.Tensor1D, BN_EPSILON), r))
        }
        const grads = tf.grads(loss)([x, bn.gamma, bn.beta]).map((g) => Float32Array.from(g.dataSync()))
        store.dispose()
        return grads
      })
    await tf.setBackend('cpu')
    const expected = run(false)
    await tf.setBackend('wasm')
    const actual = run(true)
    for (let i = 0; i < 3; i++) expectAllClose(actual[i], expected[i], 2e-4)
  })
})
