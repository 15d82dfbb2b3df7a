import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { selectBackend } from '../../../src/engine/backend/select'
import { resolveNative } from '../../../src/engine/backend/native-probe'
import { probeBackends } from '../../../src/engine/backend/probe'
import { wasmThreadCount } from '../../../src/engine/backend/wasm-threads'
import { autoBackend } from '../../../src/shared/backend-auto'

describe('selectBackend', () => {
  it('refuses a native backend that is not installed, naming it and why, without falling back', async () => {
    if (resolveNative('@tensorflow/tfjs-node-gpu') !== null) return
    await tf.setBackend('cpu')
    const error = await selectBackend('tfjs-node-gpu').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('backend-unavailable')
    expect((error as AppError).message).toMatch(/tfjs-node-gpu.*not installed: npm install @tensorflow\/tfjs-node-gpu/)
    expect(tf.getBackend()).toBe('cpu')
  })

  it('sets wasm with its training kernels and reports the device', async () => {
    const report = await selectBackend('wasm')
    expect(tf.getBackend()).toBe('wasm')
    expect(report).toMatchObject({ name: 'wasm', threads: wasmThreadCount() })
    expect(['wasm-simd', 'wasm']).toContain(report.device)
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined()
  })

  it('sets cpu, and auto picks the best available one', async () => {
    expect(await selectBackend('cpu')).toMatchObject({ name: 'cpu', device: 'js-cpu' })
    expect(tf.getBackend()).toBe('cpu')
    const auto = await selectBackend('auto')
    expect(auto.name).toBe(autoBackend(await probeBackends())?.name)
    const nativeInstalled = resolveNative('@tensorflow/tfjs-node-gpu') !== null || resolveNative('@tensorflow/tfjs-node') !== null
    if (!nativeInstalled && auto.name !== 'webgpu') expect(auto.name).toBe('wasm')
    expect(tf.getBackend()).toBe(auto.name.startsWith('tfjs-node') ? 'tensorflow' : auto.name)
  })
})
