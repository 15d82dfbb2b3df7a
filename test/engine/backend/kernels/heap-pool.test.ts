// The heap pool: the project's JS kernels split over worker threads on the shared wasm heap
// give the very numbers the calling thread alone gives, and a helper's failure is an error.
import { availableParallelism } from 'node:os'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { columnSums } from '../../../../src/engine/backend/kernels/column-sums'
import { HeapPool, POOL_MIN_FLOATS, heapPool, partRange, setHeapPool, type SharedHeapMemory } from '../../../../src/engine/backend/kernels/heap-pool'
import { leakyReluGrad } from '../../../../src/engine/backend/kernels/leaky-relu-grad'
import { wasmThreadCount } from '../../../../src/engine/backend/wasm-threads'
import { Rng } from '../../../../src/shared/rng'

const rng = new Rng(11)
const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal())

// Each above POOL_MIN_FLOATS (the im2col of the filter gradient is 72 x 16,384 floats).
const inputs = { a: values(20_000 * 64), b: values(20_000 * 64), x: values(64 * 32 * 32 * 8), w: values(3 * 3 * 8 * 16), dy: values(64 * 16 * 16 * 16) }

/** BatchNorm's reductions, LeakyReLU and its gradient, and both conv gradients (stride 2: col2im) at sizes the pool splits. */
function kernelOutputs(): Float32Array[] {
  return tf.tidy(() => {
    const a = tf.tensor2d(inputs.a, [20_000, 64])
    const b = tf.tensor2d(inputs.b, [20_000, 64])
    const x = tf.tensor4d(inputs.x, [64, 32, 32, 8])
    const w = tf.tensor4d(inputs.w, [3, 3, 8, 16])
    const dy = tf.tensor4d(inputs.dy, [64, 16, 16, 16])
    const [dx, dw] = tf.grads((xi: tf.Tensor, wi: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, 2, 'same'), dy)))([x, w])
    return [columnSums(a), columnSums(a, b), leakyReluGrad(a, b, 0.1), tf.leakyRelu(a, 0.1), dx, dw].map((t) => Float32Array.from(t.dataSync()))
  })
}

describe('the heap pool', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })
  afterAll(async () => {
    await selectBackend('cpu')
  })

  it('starts with the wasm threads: one helper fewer than the threads', () => {
    const threads = wasmThreadCount()
    if (threads === 1) return expect(heapPool()).toBeNull()
    expect(heapPool()?.threads).toBe(threads)
  })

  it('gives bit-identical column sums, LeakyReLU and its gradient, and conv gradients with and without helpers', async () => {
    if (availableParallelism() < 2) return
    expect(heapPool()).not.toBeNull()
    expect(Math.min(inputs.a.length, 72 * 64 * 16 * 16)).toBeGreaterThanOrEqual(POOL_MIN_FLOATS)
    const pooled = kernelOutputs()
    setHeapPool(null)
    const alone = kernelOutputs()
    await selectBackend('wasm')
    expect(heapPool()).not.toBeNull()
    pooled.forEach((out, i) => expect(Buffer.from(out.buffer).equals(Buffer.from(alone[i].buffer)), `output ${i}`).toBe(true))
    // And they are right: a column sum against float64 by hand.
    const a = tf.tensor2d(values(2000 * 3), [2000, 3])
    const data = Array.from(a.dataSync())
    const expected = [0, 1, 2].map((c) => data.filter((_, i) => i % 3 === c).reduce((s, v) => s + v, 0))
    const got = columnSums(a).dataSync()
    expected.forEach((e, c) => expect(got[c]).toBeCloseTo(e, 3))
    a.dispose()
  })

  it('refuses a loop given the wrong count of numbers, running nothing, and stays usable', () => {
    if (availableParallelism() < 2) return
    const pool = heapPool() as HeapPool
    expect(() => pool.run('sum', (p) => (p === 0 ? [0, -1, 1, 1, 512, 0, 0, 0] : [1, 2, 3]))).toThrow(/^heap loop sum takes 8 numbers, got 3$/)
    expect(kernelOutputs()).toHaveLength(6)
  })

  it('names a helper that no longer answers instead of waiting for it forever', async () => {
    const memory = new (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => SharedHeapMemory } }).WebAssembly.Memory({ initial: 1, maximum: 1, shared: true })
    const pool = HeapPool.start(memory, 1, 300) as HeapPool
    await pool.stop()
    expect(() => pool.run('leaky', (p) => [0, 0, 0.1, p, p + 1])).toThrow(/^a heap pool helper did not finish its part of leaky within 0\.3 s$/)
  })

  it("says what a helper's part threw, and stays usable", async () => {
    const memory = new (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => SharedHeapMemory } }).WebAssembly.Memory({ initial: 1, maximum: 1, shared: true })
    const pool = HeapPool.start(memory, 1) as HeapPool
    // The helper's part reads far past the one-page heap: its SIMD kernel traps.
    const sum = (helperOffset: number) => pool.run('sum', (p) => [p === 0 ? 0 : helperOffset, -1, 4, 4, 512, 1024, 0, 1])
    expect(() => sum(1 << 28)).toThrow(/^a heap pool helper failed its part of sum: RuntimeError: memory access out of bounds$/)
    expect(() => sum(0)).not.toThrow()
    await pool.stop()
  })

  it('a helper woken with no task waits again, and takes the next one', async () => {
    const memory = new (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => SharedHeapMemory } }).WebAssembly.Memory({ initial: 1, maximum: 1, shared: true })
    const pool = HeapPool.start(memory, 1) as HeapPool
    const control = (pool as unknown as { helpers: { control: Int32Array }[] }).helpers[0].control
    // An early wake while idle: the state word still says idle, and nothing is to be run.
    await new Promise((r) => setTimeout(r, 100))
    expect(Atomics.notify(control, 0)).toBe(1)
    await new Promise((r) => setTimeout(r, 100))
    expect([Atomics.load(control, 0), Atomics.load(control, 1)]).toEqual([0, 0])
    const heap = new Float32Array(memory.buffer)
    heap.set([1, 2, 3, 4, 5, 6, 7, 8], 0)
    pool.run('sum', () => [0, -1, 2, 4, 512, 1024, 0, 1])
    expect(Array.from(new Float64Array(memory.buffer, 1024 * 8, 4))).toEqual([6, 8, 10, 12])
    await pool.stop()
  })

  it('splits a range into contiguous parts that cover it', () => {
    expect([0, 1, 2].map((p) => partRange(9, 3, p))).toEqual([[0, 3], [3, 6], [6, 9]])
    expect([0, 1].map((p) => partRange(9, 2, p))).toEqual([[0, 4], [4, 9]])
    expect(partRange(1, 2, 0)).toEqual([0, 0])
  })
})
