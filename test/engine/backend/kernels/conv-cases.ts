// Convolution cases and references shared by the gradient kernels' tests: strides 1-3, 1x1
// and 3x3 filters, 'same', 'valid' and explicit asymmetric pads, and the channel counts the
// SIMD kernels' tiles care about.
import * as tf from '@tensorflow/tfjs'
import { expect } from 'vitest'
import { Rng } from '../../../../src/shared/rng'

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]]

export interface Case {
  x: [number, number, number, number]
  k: number
  outC: number
  stride: number
  pad: Pad
}

export function random(shape: number[], rng: Rng): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1))
  for (let i = 0; i < out.length; i++) out[i] = rng.normal()
  return out
}

/** dW and dx of sum(conv2d(x, w) * dy) on the current backend, through tfjs's own gradient. */
export function grads(c: Case, xs: Float32Array, ws: Float32Array, dys: Float32Array, dyShape: number[]) {
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
export function naiveFilterGrad(c: Case, xs: Float32Array, dys: Float32Array, dyShape: number[]): Float64Array {
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

export function expectClose(actual: Float32Array, expected: Float32Array | Float64Array, what: string): void {
  expect(actual.length, what).toBe(expected.length)
  let scale = 0
  for (const v of expected) scale = Math.max(scale, Math.abs(v))
  let worst = 0
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  expect(worst / Math.max(scale, 1e-6), what).toBeLessThan(1e-4)
}

export const CASES: Case[] = []
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

