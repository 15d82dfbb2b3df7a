// The project's wasm Identity shares the input's buffer (no copy), and the reference count
// keeps that buffer alive for whichever tensor outlives the other.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'

beforeAll(async () => {
  await selectBackend('wasm')
})
afterAll(async () => {
  await selectBackend('cpu')
})

describe('wasm Identity (tf.clone, custom-gradient save)', () => {
  it('gives the same values in the same heap buffer', () => {
    const backend = tf.backend() as BackendWasm
    const x = tf.tensor2d([1, -2, 3.5, 4], [2, 2])
    const y = tf.clone(x)
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3.5, 4])
    expect(y.shape).toEqual([2, 2])
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId))
    tf.dispose([x, y])
  })

  it('keeps the buffer for the clone after the original is freed, and frees it with the last', () => {
    const before = tf.memory().numDataBuffers
    const x = tf.tensor1d([5, 6, 7])
    const y = tf.clone(x)
    x.dispose()
    expect(Array.from(y.dataSync())).toEqual([5, 6, 7])
    expect(tf.memory().numDataBuffers).toBe(before + 1)
    y.dispose()
    expect(tf.memory().numDataBuffers).toBe(before)
  })

  it('leaves a variable its own value when the clone source is reassigned', () => {
    const v = tf.variable(tf.tensor1d([1, 2]))
    const snapshot = tf.clone(v)
    v.assign(tf.tensor1d([9, 9]))
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2])
    tf.dispose([v, snapshot])
  })
})
