import { describe, expect, it } from 'vitest'
import { adapterNote, adapterReport, isSoftwareAdapter, requestedLimits, REQUESTED_LIMITS } from '../../../src/engine/backend/webgpu-adapter'

describe('WebGPU adapter facts', () => {
  it('calls lavapipe, llvmpipe, SwiftShader and fallback adapters software, real GPUs not', () => {
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15', description: 'llvmpipe: Mesa 25.0.7' })).toBe(true)
    expect(isSoftwareAdapter({ vendor: 'google', architecture: '', device: '', description: 'SwiftShader Device (Subzero)' })).toBe(true)
    expect(isSoftwareAdapter({ vendor: 'x', description: 'x', isFallbackAdapter: true })).toBe(true)
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ada-lovelace', device: '', description: 'NVIDIA GeForce RTX 4090' })).toBe(false)
    expect(isSoftwareAdapter({ vendor: 'amd', architecture: 'rdna-3', description: 'AMD Radeon RX 7900 XTX (RADV NAVI31)' })).toBe(false)
  })

  it('asks for the adapter maxima of the size and workgroup limits, ignoring what it does not report', () => {
    const adapterLimits = { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 32, maxComputeWorkgroupStorageSize: 32768, maxTextureDimension2D: 8192, maxComputeWorkgroupSizeX: 'n/a' }
    const limits = requestedLimits(adapterLimits)
    expect(limits).toEqual({ maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 32, maxComputeWorkgroupStorageSize: 32768 })
    for (const key of Object.keys(limits)) expect(REQUESTED_LIMITS).toContain(key)
  })

  it('describes the adapter with its sizes, and says auto never picks a software one', () => {
    const report = adapterReport({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa' }, { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 32 })
    expect(report.software).toBe(true)
    expect(adapterNote(report)).toBe('llvmpipe: Mesa (mesa, software), max binding 128 MiB, max buffer 4096 MiB; software adapter: a correctness path, slower than wasm, never picked by auto')
    expect(adapterNote({ ...report, software: false })).not.toContain('auto')
  })
})
