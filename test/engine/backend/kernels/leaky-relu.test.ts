// The project's LeakyRelu on wasm against the cpu backend: the same float32 values, bit for
// bit, on a tensor the heap pool splits and on a small one it does not, specials included.
import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { POOL_MIN_FLOATS } from '../../../../src/engine/backend/kernels/heap-pool'
import { Rng } from '../../../../src/shared/rng'

const rng = new Rng(3)

async function leakyOn(backend: 'cpu' | 'wasm', values: Float32Array, slope: number): Promise<Float32Array> {
  await selectBackend(backend)
  return tf.tidy(() => Float32Array.from(tf.leakyRelu(tf.tensor1d(values), slope).dataSync()))
}

describe('LeakyRelu on wasm', () => {
  afterAll(async () => {
    await selectBackend('cpu')
  })

  it.each([
    ['split over the heap pool', POOL_MIN_FLOATS + 12_345],
    ['on one thread', 1000]
  ])('equals the cpu backend bit for bit, %s', async (_, n) => {
    const values = Float32Array.from({ length: n }, () => rng.normal())
    values.set([0, -0, -1e-38, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.5, -3.5])
    for (const slope of [0.1, 0.2]) {
      const wasm = await leakyOn('wasm', values, slope)
      const cpu = await leakyOn('cpu', values, slope)
      expect(Buffer.from(wasm.buffer).equals(Buffer.from(cpu.buffer))).toBe(true)
      expect(Array.from(wasm.slice(0, 8))).toEqual([0, -0, Math.fround(-1e-38 * slope), Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.5, Math.fround(-3.5 * slope)])
    }
  })
})
