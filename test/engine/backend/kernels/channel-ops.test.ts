// BatchNorm's per-channel chains in one pass give the bits of the separate tf ops, on wasm
// (SIMD kernel and JS loop, over the heap pool) and on cpu.
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { batchNormDx, channelAffine } from '../../../../src/engine/backend/kernels/channel-ops'
import { HEAP_LOOPS } from '../../../../src/engine/backend/kernels/heap-loops'
import { Rng } from '../../../../src/shared/rng'
import { scratchHeap } from './scratch-heap'

const rng = new Rng(21)
const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal() * 10 ** rng.int(-2, 3))
// 18,000 x 30: over the heap pool's threshold (POOL_MIN_FLOATS floats touched), and 30 columns leave a tail after groups of 4.
const [ROWS, COLS] = [18_000, 30]
const data = { x: values(ROWS * COLS), xh: values(ROWS * COLS), a: values(COLS), b: values(COLS), c: values(COLS) }

function outputs(rows = ROWS): Buffer[] {
  return tf.tidy(() => {
    const x = tf.tensor2d(data.x.subarray(0, rows * COLS), [rows, COLS])
    const xh = tf.tensor2d(data.xh.subarray(0, rows * COLS), [rows, COLS])
    const [a, b, c] = [data.a, data.b, data.c].map((v) => tf.tensor1d(v))
    const fused = [
      channelAffine(x, { sub: a, mul: b, add: c }),
      channelAffine(x, { mul: b, add: c }),
      channelAffine(x, { sub: a, mul: b }),
      batchNormDx(x, xh, a, b, c)
    ]
    const separate = [
      tf.add(tf.mul(tf.sub(x, a), b), c),
      tf.add(tf.mul(x, b), c),
      tf.mul(tf.sub(x, a), b),
      tf.mul(tf.sub(tf.sub(x, a), tf.mul(xh, b)), c)
    ]
    return [...fused, ...separate].map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer))
  })
}

describe('BatchNorm channel ops', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })
  afterAll(async () => {
    await selectBackend('cpu')
  })

  it('give the bits of the separate ops on wasm and on cpu', async () => {
    const wasm = outputs()
    // Buffer.equals: toEqual walks 540,000 elements one by one for a minute.
    for (let i = 0; i < 4; i++) expect(wasm[i].equals(wasm[i + 4]), `wasm output ${i}`).toBe(true)
    // The cpu backend's broadcasting ops are slow: its first 1,000 rows.
    await selectBackend('cpu')
    const cpu = outputs(1000)
    for (let i = 0; i < 4; i++) expect(cpu[i].equals(wasm[i].subarray(0, 1000 * COLS * 4)), `cpu output ${i}`).toBe(true)
    await selectBackend('wasm')
  })

  it('refuse per-channel values of the wrong length', () => {
    const x = tf.zeros([4, 3]) as tf.Tensor2D
    expect(() => channelAffine(x, { mul: tf.ones([2]) })).toThrow(/channelAffine: per-channel values must have 3 entries, got \[2\]/)
    expect(() => batchNormDx(x, x, tf.ones([3]), tf.ones([4]), tf.ones([3]))).toThrow(/batchNormDx: per-channel values must have 3 entries/)
  })

  it('run the JS loops to the same bits as the SIMD kernels', () => {
    const { simd, heap, heap64, bits: bitsOf } = scratchHeap(2)
    const [rows, cols] = [9, 7]
    const [x, xh, a, b, c, jsOut, simdOut] = [0, 100, 200, 210, 220, 300, 400]
    heap.set(data.x.subarray(0, rows * cols), x)
    heap.set(data.xh.subarray(0, rows * cols), xh)
    heap.set(data.a.subarray(0, cols), a)
    heap.set(data.b.subarray(0, cols), b)
    heap.set(data.c.subarray(0, cols), c)
    const bits = (off: number) => bitsOf(off, rows * cols)
    HEAP_LOOPS.affine.loop(heap, heap64, [x, a, b, c, jsOut, cols, 0, rows], null)
    HEAP_LOOPS.affine.loop(heap, heap64, [x, a, b, c, simdOut, cols, 0, rows], simd)
    expect(bits(simdOut)).toEqual(bits(jsOut))
    HEAP_LOOPS.bnDx.loop(heap, heap64, [x, xh, a, b, c, jsOut, cols, 0, rows], null)
    HEAP_LOOPS.bnDx.loop(heap, heap64, [x, xh, a, b, c, simdOut, cols, 0, rows], simd)
    expect(bits(simdOut)).toEqual(bits(jsOut))
    expect(heap[simdOut + 5]).not.toBe(0)
  })
})
