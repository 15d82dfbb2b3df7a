import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { im2colLimit } from '../../../../src/engine/backend/kernels/wasm-heap'
import { heapPool } from '../../../../src/engine/backend/kernels/heap-pool'
import { filterGradPaths } from '../../../../src/engine/backend/kernels/conv2d-backprop-filter'
import { inputGradPaths } from '../../../../src/engine/backend/kernels/conv2d-backprop-input'
import { registerCpuTrainingKernels } from '../../../../src/engine/backend/kernels'
import { Rng } from '../../../../src/shared/rng'
import { onednnPaths } from '../../../../src/engine/backend/kernels/conv2d-onednn'
import { CASES, expectClose, grads, naiveFilterGrad, random, type Case } from './conv-cases'

// The wasm paths, with oneDNN off (conv2d-onednn.test.ts checks that one).
describe('project conv2d gradient kernels (wasm, cpu) match the definition and the stock cpu kernels', () => {
  const saved = im2colLimit.maxFloats
  beforeAll(async () => {
    await selectBackend('wasm')
    onednnPaths.enabled = false
  })
  afterAll(() => {
    im2colLimit.maxFloats = saved
    onednnPaths.enabled = true
  })

  for (const chunked of [false, true]) {
    for (const c of CASES) {
      const label = `x ${c.x.join('x')} k${c.k} s${c.stride} pad ${JSON.stringify(c.pad)}${chunked ? ' chunked' : ''}`
      it(label, async () => {
        const rng = new Rng(c.x.reduce((a, b) => a * 31 + b, c.k * 7 + c.stride))
        const xs = random(c.x, rng)
        const ws = random([c.k, c.k, c.x[3], c.outC], rng)
        const dyShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros([c.k, c.k, c.x[3], c.outC]) as tf.Tensor4D, c.stride, c.pad).shape)
        const dys = random(dyShape, rng)
        const expectedDw = naiveFilterGrad(c, xs, dys, dyShape)
        await tf.setBackend('cpu')
        // The stock cpu kernels are the reference for dx; the project's cpu dW kernel is checked too.
        const stockCpu = grads(c, xs, ws, dys, dyShape)
        registerCpuTrainingKernels()
        const projectCpu = grads(c, xs, ws, dys, dyShape)
        expectClose(projectCpu.dw, expectedDw, 'cpu filter gradient')
        expectClose(stockCpu.dw, expectedDw, 'stock cpu filter gradient')
        await tf.setBackend('wasm')
        // One image per chunk exercises the im2col path's chunks (copied dy rows, accumulation);
        // the SIMD path, taken where it can be otherwise, has no chunks.
        im2colLimit.maxFloats = chunked ? 1 : saved
        filterGradPaths.simd = !chunked
        inputGradPaths.simd = !chunked
        const actual = grads(c, xs, ws, dys, dyShape)
        im2colLimit.maxFloats = saved
        filterGradPaths.simd = true
        inputGradPaths.simd = true
        expectClose(actual.dw, expectedDw, 'filter gradient')
        expectClose(actual.dx, stockCpu.dx, 'input gradient')
      })
    }
  }

  it('splits the SIMD filter gradient over the heap pool without changing a bit', async () => {
    await tf.setBackend('wasm')
    // 1.2M floats touched: over POOL_MIN_FLOATS, so the pool's helpers take part.
    const c: Case = { x: [6, 32, 32, 48], k: 3, outC: 48, stride: 1, pad: 'same' }
    const rng = new Rng(11)
    const xs = random(c.x, rng)
    const dys = random([6, 32, 32, 48], rng)
    const dwOf = () =>
      tf.tidy(() => {
        const inputs = { x: tf.tensor4d(xs, c.x), dy: tf.tensor4d(dys, [6, 32, 32, 48]) }
        const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 48, 48] }
        return Float32Array.from((tf.engine().runKernel('Conv2DBackpropFilter', inputs, attrs) as tf.Tensor).dataSync())
      })
    expect(heapPool()?.threads ?? 1, 'the wasm backend runs with a heap pool here').toBeGreaterThan(1)
    const pooled = dwOf()
    expectClose(pooled, naiveFilterGrad(c, xs, dys, [6, 32, 32, 48]), 'pooled filter gradient')
    // The im2col matmul sums each output over the same rows in the same order, in float32.
    filterGradPaths.simd = false
    const viaMatmul = dwOf()
    filterGradPaths.simd = true
    expect(pooled).toEqual(viaMatmul)
  })

  it('gives the strided input gradient by the SIMD kernel over the heap pool in the im2col route\'s bits', async () => {
    await tf.setBackend('wasm')
    // 64 x 16 x 16 x 32 out of 64 x 32 x 32 x 32: over POOL_MIN_FLOATS, so the helpers take part.
    const rng = new Rng(12)
    const ws = random([3, 3, 32, 32], rng)
    const dys = random([64, 16, 16, 32], rng)
    const dxOf = () =>
      tf.tidy(() => {
        const inputs = { dy: tf.tensor4d(dys, [64, 16, 16, 32]), filter: tf.tensor4d(ws, [3, 3, 32, 32]) }
        const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [64, 32, 32, 32] }
        return Float32Array.from((tf.engine().runKernel('Conv2DBackpropInput', inputs, attrs) as tf.Tensor).dataSync())
      })
    const viaSimd = dxOf()
    inputGradPaths.simd = false
    const viaMatmul = dxOf()
    inputGradPaths.simd = true
    expect(viaSimd.some((v) => v !== 0)).toBe(true)
    expect(Buffer.from(viaSimd.buffer).equals(Buffer.from(viaMatmul.buffer))).toBe(true)
  })

  it('frees every intermediate buffer', async () => {
    await tf.setBackend('wasm')
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomNormal([4, 6, 6, 3]) as tf.Tensor4D
        const w = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D
        return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')))([x, w])
      })
    tf.dispose(run())
    const before = tf.memory()
    im2colLimit.maxFloats = 1
    tf.dispose(run())
    im2colLimit.maxFloats = saved
    const after = tf.memory()
    expect(after.numTensors).toBe(before.numTensors)
    expect(after.numDataBuffers).toBe(before.numDataBuffers)
    expect(after.numBytes).toBe(before.numBytes)
  })
})
