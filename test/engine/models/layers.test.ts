import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { globalAvgPool, leakyRelu } from '../../../src/engine/models/layers'

describe('layer helpers on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('leakyRelu has slope 0.1 below zero and the matching gradient', () => {
    const x = tf.tensor4d([-2, -0.5, 0.5, 3, -1, 2, 0.25, -4], [1, 2, 2, 2])
    const dy = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2])
    const y = leakyRelu(x, 0.1)
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync(), (v) => Math.fround(v > 0 ? v : 0.1 * v)))
    const grad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(leakyRelu(input, 0.1), dy)))(x)
    const expected = Array.from(x.dataSync(), (v, i) => (v > 0 ? 1 : 0.1) * (i + 1))
    Array.from(grad.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(expected[i], 6))
    tf.dispose([x, dy, y, grad])
  })

  it('globalAvgPool averages over height and width', () => {
    const x = tf.tensor4d([1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60], [2, 1, 3, 2])
    const pooled = globalAvgPool(x)
    expect(pooled.shape).toEqual([2, 2])
    expect(Array.from(pooled.dataSync())).toEqual([2, 20, 5, 50])
    tf.dispose([x, pooled])
  })

  it("globalAvgPool's gradient is dy / (H * W) at every position, as the average pool's own", () => {
    const x = tf.randomNormal([3, 4, 4, 5]) as tf.Tensor4D
    const dy = tf.randomNormal([3, 5])
    const ours = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(globalAvgPool(input as tf.Tensor4D), dy)))(x)
    const stock = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.reshape(tf.avgPool(input as tf.Tensor4D, [4, 4], 1, 'valid'), [3, 5]), dy)))(x)
    expect(ours.shape).toEqual([3, 4, 4, 5])
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()))
    const d = dy.dataSync()
    expect(ours.dataSync()[((2 * 4 + 3) * 4 + 1) * 5 + 4]).toBe(Math.fround(d[2 * 5 + 4] / 16))
    tf.dispose([x, dy, ours, stock])
  })
})
