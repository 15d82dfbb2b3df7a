// The wasm thread count: every core by default, PSEUDOSCOPE_WASM_THREADS when set, within
// what the threaded build supports; and a threaded backend really starts under Node and
// computes what one thread does.
import { spawnSync } from 'node:child_process'
import * as tf from '@tensorflow/tfjs'
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { wasmThreadCount } from '../../../src/engine/backend/wasm-threads'
import { MAX_TRAINING_THREADS } from '../../../src/shared/training-threads'

afterAll(async () => {
  await selectBackend('cpu')
})

describe('wasmThreadCount', () => {
  it('defaults to the cores, capped at the pool the threaded build has', () => {
    expect(wasmThreadCount({}, 2)).toBe(2)
    expect(wasmThreadCount({}, 64)).toBe(MAX_TRAINING_THREADS)
    expect(wasmThreadCount({}, 1)).toBe(1)
  })

  it('takes PSEUDOSCOPE_WASM_THREADS, ignoring values that are not positive integers', () => {
    expect(wasmThreadCount({ PSEUDOSCOPE_WASM_THREADS: '1' }, 16)).toBe(1)
    expect(wasmThreadCount({ PSEUDOSCOPE_WASM_THREADS: '3' }, 2)).toBe(3)
    expect(wasmThreadCount({ PSEUDOSCOPE_WASM_THREADS: '0' }, 4)).toBe(4)
    expect(wasmThreadCount({ PSEUDOSCOPE_WASM_THREADS: 'many' }, 4)).toBe(4)
  })
})

describe('the wasm backend under Node', () => {
  it('starts with the threads asked for and gives the cpu backend values', async () => {
    const report = await selectBackend('wasm')
    const wanted = wasmThreadCount()
    // The first start in this process decides; vitest runs each file in its own process.
    expect(getThreadsCount()).toBe(wanted)
    expect(report.threads).toBe(wanted)
    const run = () => tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from({ length: 4 * 9 * 9 * 8 }, (_, i) => Math.sin(i)), [4, 9, 9, 8])
      const f = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 8 * 16 }, (_, i) => Math.cos(i)), [3, 3, 8, 16])
      const y = tf.conv2d(x, f, 1, 'same')
      return Float32Array.from(tf.matMul(tf.reshape(y, [-1, 16]), tf.reshape(f, [72, 16]), false, true).dataSync())
    })
    const threaded = run()
    await selectBackend('cpu')
    const reference = run()
    let worst = 0
    reference.forEach((v, i) => (worst = Math.max(worst, Math.abs(threaded[i] - v) / Math.max(1, Math.abs(v)))))
    expect(worst).toBeLessThan(1e-4)
  })

  it('runs the project SIMD kernels on one thread too (the one-thread build exports its memory)', () => {
    // A fresh process: the first start decides the thread count.
    const code = "const { selectBackend } = await import('./src/engine/backend/select.ts'); console.log(JSON.stringify(await selectBackend('wasm')))"
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      env: { ...process.env, PSEUDOSCOPE_WASM_THREADS: '1' },
      encoding: 'utf8'
    })
    expect(child.status, child.stderr).toBe(0)
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { threads: number; detail: string }
    expect(report.threads).toBe(1)
    expect(report.detail).toContain('1 thread(s), project training kernels with wasm SIMD')
  })
})
