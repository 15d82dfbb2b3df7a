// The project's inference BatchNorm on wasm against the cpu backend: the same float32 values,
// bit for bit, split over the heap pool and on one thread, with and without scale and offset.
import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { POOL_MIN_FLOATS } from '../../../../src/engine/backend/kernels/heap-pool'
import { Rng } from '../../../../src/shared/rng'

const rng = new Rng(5)
const values = (n: number, f: () => number) => Float32Array.from({ length: n }, f)

async function batchNormOn(backend: 'cpu' | 'wasm', shape: [number, number, number, number], p: Record<string, Float32Array>, withAffine: boolean): Promise<Float32Array> {
  await selectBackend(backend)
  const c = shape[3]
  return tf.tidy(() => {
    const y = tf.batchNorm4d(
      tf.tensor4d(p.x, shape),
      tf.tensor1d(p.mean),
      tf.tensor1d(p.variance),
      withAffine ? tf.tensor1d(p.offset) : undefined,
      withAffine ? tf.tensor1d(p.scale) : undefined,
      1e-5
    )
    expect(y.shape).toEqual([...shape.slice(0, 3), c])
    return Float32Array.from(y.dataSync())
  })
}

describe('inference BatchNorm on wasm', () => {
  afterAll(async () => {
    await selectBackend('cpu')
  })

  it.each([
    ['split over the heap pool', [40, 16, 16, 128] as [number, number, number, number]],
    ['on one thread', [2, 5, 5, 3] as [number, number, number, number]]
  ])('equals the cpu backend bit for bit, %s', async (_, shape) => {
    const n = shape.reduce((a, b) => a * b, 1)
    const c = shape[3]
    if (shape[0] === 40) expect(n).toBeGreaterThanOrEqual(POOL_MIN_FLOATS)
    const p = { x: values(n, () => rng.normal() * 3), mean: values(c, () => rng.normal()), variance: values(c, () => rng.uniform(0, 2)), offset: values(c, () => rng.normal()), scale: values(c, () => rng.normal()) }
    for (const withAffine of [true, false]) {
      const wasm = await batchNormOn('wasm', shape, p, withAffine)
      const cpu = await batchNormOn('cpu', shape, p, withAffine)
      expect(Buffer.from(wasm.buffer).equals(Buffer.from(cpu.buffer)), `affine ${withAffine}`).toBe(true)
    }
    // One value by hand: channel 1 of the first position.
    const wasm = await batchNormOn('wasm', shape, p, true)
    expect(wasm[1]).toBe(Math.fround(p.offset[1] + ((p.x[1] - p.mean[1]) * p.scale[1]) / Math.sqrt(p.variance[1] + 1e-5)))
  })

  it('refuses, clearly, statistics that are not one per channel (the models never pass any)', async () => {
    await selectBackend('wasm')
    const x = tf.ones([2, 2, 2, 3]) as tf.Tensor4D
    expect(() => tf.batchNorm4d(x, tf.zeros([1]) as tf.Tensor1D, tf.ones([1]) as tf.Tensor1D)).toThrow(/one value per channel \(3\)/)
    x.dispose()
  })
})
