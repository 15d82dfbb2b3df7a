import { describe, expect, it } from 'vitest'
import { VIEW_NAMES, isViewName, viewForShortcut } from '../../src/renderer/src/lib/views'
import { activeBackend, backendDetails, describeBackend } from '../../src/renderer/src/lib/backend-label'
import type { BackendProbe } from '../../src/shared/backends'
import type { RunInfo } from '../../src/shared/runs'

describe('views', () => {
  it('maps Alt+digit to views in rail order and ignores other keys', () => {
    expect(viewForShortcut('1', true)).toBe('datasets')
    expect(viewForShortcut('6', true)).toBe('sweeps')
    expect(viewForShortcut('7', true)).toBe('settings')
    expect(viewForShortcut('8', true)).toBeNull()
    expect(viewForShortcut('1', false)).toBeNull()
    expect(viewForShortcut('a', true)).toBeNull()
  })
  it('recognises view names', () => {
    for (const v of VIEW_NAMES) expect(isViewName(v)).toBe(true)
    expect(isViewName('nope')).toBe(false)
  })
})

describe('backend label', () => {
  const probes: BackendProbe[] = [
    { name: 'tfjs-node-gpu', available: false, device: null, detail: 'not installed' },
    { name: 'wasm', available: true, device: 'wasm-simd', detail: '' },
    { name: 'cpu', available: true, device: 'js-cpu', detail: '' }
  ]
  it('describes a report with device and threads', () => {
    expect(describeBackend({ name: 'wasm', device: 'wasm-simd', threads: 2 })).toBe('wasm (wasm-simd, 2 threads)')
    expect(describeBackend({ name: 'wasm', device: 'wasm-simd', threads: 2, onednn: '2.6.3' })).toBe('wasm (wasm-simd, 2 threads, convolutions on oneDNN 2.6.3)')
    expect(describeBackend({ name: 'cpu', device: '' })).toBe('cpu')
  })
  const lavapipe = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7', software: true, limits: { maxStorageBufferBindingSize: 134217728 } }
  it('names the GPU adapter of a webgpu report, and lists its fields and requested limits in the details', () => {
    const report = { name: 'webgpu' as const, device: 'software-gpu', detail: 'tfjs-backend-webgpu on Dawn', adapter: lavapipe }
    expect(describeBackend(report)).toBe('webgpu (software-gpu, llvmpipe: Mesa 25.0.7 (mesa, software))')
    expect(backendDetails(report).split('\n')).toEqual([
      'tfjs-backend-webgpu on Dawn',
      'vendor: mesa',
      'architecture: software',
      'description: llvmpipe: Mesa 25.0.7',
      'software adapter: a correctness path, not a speed path',
      'maxStorageBufferBindingSize: 134217728'
    ])
    expect(backendDetails({ detail: 'wasm' })).toBe('wasm')
  })
  it('prefers a running run, else what auto would pick (never a software adapter)', () => {
    expect(activeBackend(probes, [])).toBe('wasm (wasm-simd)')
    const software: BackendProbe = { name: 'webgpu', available: true, device: 'software-gpu', detail: '', adapter: lavapipe }
    expect(activeBackend([software, ...probes], [])).toBe('wasm (wasm-simd)')
    const hardware: BackendProbe = { ...software, device: 'gpu', adapter: { ...lavapipe, description: 'NVIDIA H200', vendor: 'nvidia', architecture: 'hopper', software: false } }
    expect(activeBackend([hardware, ...probes], [])).toBe('webgpu (gpu, NVIDIA H200 (nvidia, hopper))')
    const run = { state: 'running', backend: { name: 'cpu', device: 'js-cpu', detail: '', threads: 1 } } as RunInfo
    expect(activeBackend(probes, [run])).toBe('cpu (js-cpu, 1 thread)')
    expect(activeBackend(probes.slice(0, 1), [])).toBeNull()
  })
})
