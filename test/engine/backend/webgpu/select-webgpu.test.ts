import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { probeBackends } from '../../../../src/engine/backend/probe'
import { selectBackend } from '../../../../src/engine/backend/select'
import { REQUESTED_LIMITS } from '../../../../src/engine/backend/webgpu-adapter'
import { probeWebgpu } from '../../../../src/engine/backend/webgpu-probe'
import { AppError } from '../../../../src/shared/errors'
import { describeWebgpu } from './gate'

const run = promisify(execFile)
const NO_VULKAN = { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' }

describeWebgpu('selectBackend(webgpu)', () => {
  it('reports the adapter and the limits it asked for (the adapter maxima), and auto skips a software adapter', async () => {
    const probe = (await probeBackends()).find((p) => p.name === 'webgpu')!
    expect(probe.available).toBe(true)
    const report = await selectBackend('webgpu')
    expect(tf.getBackend()).toBe('webgpu')
    expect(report.name).toBe('webgpu')
    expect(report.adapter).toBeDefined()
    const adapter = report.adapter!
    expect(adapter.description.length + adapter.device.length).toBeGreaterThan(0)
    expect(report.detail).toContain(adapter.description)
    expect(report.device).toBe(adapter.software ? 'software-gpu' : 'gpu')
    // What the run's device got is what the probe saw the adapter allow, for every limit asked.
    expect(Object.keys(adapter.limits).sort()).toEqual([...REQUESTED_LIMITS].sort())
    expect(adapter.limits).toEqual(probe.adapter!.limits)
    expect(adapter.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 2 ** 20)
    if (adapter.software) {
      const auto = await selectBackend('auto')
      expect(auto.name).not.toBe('webgpu')
    }
  })

  it('reads float32, int32 and bool tensors back synchronously (dataSync under Node)', async () => {
    await selectBackend('webgpu')
    tf.tidy(() => {
      const a = tf.tensor2d([1.5, -2, 3, 4], [2, 2])
      expect(Array.from(tf.matMul(a, a).dataSync())).toEqual([-3.75, -11, 16.5, 10])
      expect(Array.from(tf.argMax(a, 1).dataSync())).toEqual([0, 1])
      expect(Array.from(tf.greater(a, 0).dataSync())).toEqual([1, 0, 1, 1])
    })
  })

  it('names the missing Vulkan driver when Dawn finds no adapter, in the probe and in select', async () => {
    if (process.platform !== 'linux') return
    const saved = { ...process.env }
    Object.assign(process.env, NO_VULKAN)
    try {
      expect(await probeWebgpu()).toMatchObject({ kind: 'no-adapter', detail: expect.stringContaining('Vulkan') })
    } finally {
      for (const key of Object.keys(NO_VULKAN)) if (saved[key] === undefined) delete process.env[key]
    }
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'select-child.ts')], {
      env: { ...process.env, ...NO_VULKAN },
      timeout: 60_000
    })
    const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as { ok: boolean; error?: { code: string; message: string; details?: unknown } }
    expect(outcome.ok).toBe(false)
    expect(outcome.error).toMatchObject({ code: 'backend-unavailable', details: { backend: 'webgpu', failure: 'no-adapter' } })
    expect(outcome.error!.message).toMatch(/webgpu is unavailable: Dawn found no Vulkan device: install a Vulkan driver/)
  })

  it('fails a tensor over maxStorageBufferBindingSize with an error naming that limit and the batch to lower', async () => {
    const report = await selectBackend('webgpu')
    const limit = report.adapter!.limits.maxStorageBufferBindingSize
    // Allocating past a large limit would take gigabytes: checked where the limit is small.
    if (limit > 2 ** 30) return
    const before = tf.memory().numTensors
    const error = (() => {
      try {
        tf.tidy(() => tf.add(tf.fill([limit / 4 + 1024], 1), 1).dataSync())
        return null
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('backend-limit')
    expect((error as AppError).message).toMatch(/tensor exceeds the WebGPU device limit maxStorageBufferBindingSize \([\d.]+ MiB, the most .+ allows\)/)
    expect((error as AppError).message).toContain('batch.labeled, batch.mu')
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2)
  })
})
