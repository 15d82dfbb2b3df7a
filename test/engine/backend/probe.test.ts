import { describe, expect, it } from 'vitest'
import { BACKEND_NAMES } from '../../../src/shared/backends'
import { probeBackends } from '../../../src/engine/backend/probe'
import { findAddon } from '../../../src/engine/backend/onednn'
import { resolveNative } from '../../../src/engine/backend/native-probe'

describe('probeBackends', () => {
  it('lists every backend best first, natives unavailable with an install hint when absent', async () => {
    const probes = await probeBackends()
    expect(probes.map((p) => p.name)).toEqual([...BACKEND_NAMES])
    for (const name of ['tfjs-node-gpu', 'tfjs-node'] as const) {
      const probe = probes.find((p) => p.name === name)!
      if (resolveNative(`@tensorflow/${name}`) !== null) continue // installed on this machine
      expect(probe.available).toBe(false)
      expect(probe.device).toBeNull()
      expect(probe.detail).toContain(`not installed: npm install @tensorflow/${name}`)
    }
    const wasm = probes.find((p) => p.name === 'wasm')!
    expect(wasm.available).toBe(true)
    expect(['wasm-simd', 'wasm']).toContain(wasm.device)
    // The package ships the threaded SIMD build, which training starts on worker_threads.
    if (wasm.device === 'wasm-simd') expect(wasm.detail).toMatch(/^SIMD, up to 8 threads \(Settings: Training threads; CLI: --threads\), convolutions on /)
    // Where the oneDNN addon is built, the probe says the convolutions will run on it.
    expect(wasm.detail).toContain(findAddon() !== null ? 'convolutions on oneDNN (native)' : 'convolutions on wasm kernels (oneDNN: native/onednn/build/pseudoscope-onednn.node not built')
    expect(probes.find((p) => p.name === 'cpu')).toMatchObject({ available: true, device: 'js-cpu' })
    const webgpu = probes.find((p) => p.name === 'webgpu')!
    if (webgpu.available) expect(webgpu.adapter).toMatchObject({ software: expect.any(Boolean), limits: { maxStorageBufferBindingSize: expect.any(Number) } })
    else expect(webgpu.detail).toMatch(/not installed|failed to load|no navigator.gpu|found no/)
  })

  it('caches the result and leaves no tfjs backend behind', async () => {
    const first = await probeBackends()
    expect(await probeBackends()).toBe(first)
    expect(await probeBackends({ refresh: true })).not.toBe(first)
    // The probe must not load tfjs at all (it runs in Electron's main process).
    const loaded = Object.keys(await import('node:module').then((m) => m.createRequire(import.meta.url).cache))
    expect(loaded.some((file) => file.includes('tfjs-backend-wasm'))).toBe(false)
    // Nor Dawn: the webgpu probe runs in a child process.
    expect(loaded.some((file) => file.endsWith('dawn.node') || file.includes('tfjs-backend-webgpu'))).toBe(false)
  })
})
