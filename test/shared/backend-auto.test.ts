import { describe, expect, it } from 'vitest'
import { autoBackend } from '../../src/shared/backend-auto'
import type { BackendProbe } from '../../src/shared/backends'
import type { GpuAdapter } from '../../src/shared/gpu-adapter'

const adapter = (software: boolean): GpuAdapter => ({ vendor: 'v', architecture: 'a', device: 'd', description: 'x', software, limits: {} })
const probe = (name: BackendProbe['name'], available: boolean, device: string | null, extra: Partial<BackendProbe> = {}): BackendProbe => ({
  name,
  available,
  device,
  detail: '',
  ...extra
})

describe('autoBackend', () => {
  const cpuSide = [probe('tfjs-node', false, null), probe('wasm', true, 'wasm-simd'), probe('cpu', true, 'js-cpu')]

  it('takes tfjs-node-gpu only on CUDA, then a hardware webgpu adapter', () => {
    const gpu = probe('webgpu', true, 'gpu', { adapter: adapter(false) })
    expect(autoBackend([probe('tfjs-node-gpu', true, 'cuda'), gpu, ...cpuSide])?.name).toBe('tfjs-node-gpu')
    expect(autoBackend([probe('tfjs-node-gpu', true, 'native-cpu'), gpu, ...cpuSide])?.name).toBe('webgpu')
  })

  it('never takes a software adapter; tfjs-node, then wasm, then cpu', () => {
    const software = probe('webgpu', true, 'software-gpu', { adapter: adapter(true) })
    expect(autoBackend([probe('tfjs-node-gpu', false, null), software, ...cpuSide])?.name).toBe('wasm')
    expect(autoBackend([software, probe('tfjs-node', true, 'native-cpu'), ...cpuSide.slice(1)])?.name).toBe('tfjs-node')
    expect(autoBackend([probe('tfjs-node-gpu', true, 'native-cpu'), probe('wasm', true, 'wasm')])?.name).toBe('tfjs-node-gpu')
    expect(autoBackend([software, probe('wasm', false, null), probe('cpu', true, 'js-cpu')])?.name).toBe('cpu')
    expect(autoBackend([software])).toBeUndefined()
  })
})
