import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { im2colLimit } from '../../../../src/engine/backend/kernels/wasm-heap'
import { heapPool } from '../../../../src/engine/backend/kernels/heap-pool'
import { filterGradPaths } from '../../../../src/engine/backend/kernels/conv2d-backprop-filter'
import { inputGradPaths } from '../../../../src/engine/backend/kernels/conv2d-backprop-input'
import { registerCpuTrainingKernels } from '../../../../src/engine/backend/kernels'
import { Rng } from '../../../../src/shared/rng'

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]]

interface Case {
  x: [number, number, number, number]
  k: number
  outC: number
  stride: number
  pad: Pad
}

function random(shape: number[], rng: Rng): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1))
  for (let i = 0; i < out.length; i++) out[i] = rng.normal()
  return out
}

/** dW and dx of sum(conv2d(x, w) * dy) on the current backend, through tfjs's own gradient. */
function grads(c: Case, xs: Float32Array, ws: Float32Array, dys: Float32Array, dyShape: number[]) {
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x)
    const w = tf.tensor4d(ws, [c.k, c.k, c.x[3], c.outC])
    const dy = tf.tensor(dys, dyShape)
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), dy))
    const [dx, dw] = tf.grads(f)([x, w])
    return { dx: Float32Array.from(dx.dataSync()), dw: Float32Array.from(dw.dataSync()) }
  })
}

/** The filter gradient by definition, in float64: an independent reference. */
function naiveFilterGrad(c: Case, xs: Float32Array, dys: Float32Array, dyShape: number[]): Float64Array {
  const [n, h, w, inC] = c.x
  const [, oh, ow, outC] = dyShape
  const pad = tf.backend_util.computeConv2DInfo(c.x, [c.k, c.k, inC, outC], c.stride, 1, c.pad).padInfo
  const dw = new Float64Array(c.k * c.k * inC * outC)
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let kh = 0; kh < c.k; kh++)
          for (let kw = 0; kw < c.k; kw++) {
            const iy = y * c.stride - pad.top + kh
            const ix = x * c.stride - pad.left + kw
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue
            for (let i = 0; i < inC; i++)
              for (let o = 0; o < outC; o++)
                dw[((kh * c.k + kw) * inC + i) * outC + o] += xs[((b * h + iy) * w + ix) * inC + i] * dys[((b * oh + y) * ow + x) * outC + o]
          }
  return dw
}

function expectClose(actual: Float32Array, expected: Float32Array | Float64Array, what: string): void {
  expect(actual.length, what).toBe(expected.length)
  let scale = 0
  for (const v of expected) scale = Math.max(scale, Math.abs(v))
  let worst = 0
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  expect(worst / Math.max(scale, 1e-6), what).toBeLessThan(1e-4)
}

const CASES: Case[] = []
for (const stride of [1, 2]) {
  for (const k of [1, 3]) {
    for (const pad of ['same', 'valid'] as const) CASES.push({ x: [3, 7, 9, 4], k, outC: 5, stride, pad })
  }
}
CASES.push({ x: [2, 6, 5, 3], k: 3, outC: 4, stride: 1, pad: [[0, 0], [1, 0], [2, 1], [0, 0]] })
CASES.push({ x: [2, 8, 8, 2], k: 3, outC: 3, stride: 2, pad: [[0, 0], [0, 1], [1, 1], [0, 0]] })
CASES.push({ x: [5, 10, 10, 16], k: 3, outC: 8, stride: 2, pad: 'same' })
// The SIMD filter gradient's tiles: 4 input channels wide, one leftover channel narrow, 8 outputs.
CASES.push({ x: [3, 7, 9, 4], k: 3, outC: 8, stride: 1, pad: 'same' })
CASES.push({ x: [2, 9, 7, 5], k: 3, outC: 16, stride: 2, pad: 'valid' })
CASES.push({ x: [2, 6, 6, 3], k: 3, outC: 8, stride: 2, pad: 'same' })
CASES.push({ x: [2, 5, 6, 1], k: 3, outC: 24, stride: 1, pad: [[0, 0], [2, 0], [0, 1], [0, 0]] })
CASES.push({ x: [2, 4, 4, 8], k: 1, outC: 8, stride: 2, pad: 'valid' })
// The SIMD strided input gradient: input channels in eights, stride classes, ragged tiles.
CASES.push({ x: [2, 11, 13, 16], k: 3, outC: 12, stride: 2, pad: 'same' })
CASES.push({ x: [3, 9, 10, 8], k: 3, outC: 5, stride: 3, pad: 'valid' })
CASES.push({ x: [2, 7, 6, 8], k: 3, outC: 8, stride: 2, pad: [[0, 0], [2, 0], [0, 2], [0, 0]] })

describe('project conv2d gradient kernels (wasm, cpu) match the definition and the stock cpu kernels', () => {
  const saved = im2colLimit.maxFloats
  beforeAll(async () => {
    await selectBackend('wasm')
  })
  afterAll(() => {
    im2colLimit.maxFloats = saved
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
