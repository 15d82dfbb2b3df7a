import { describe, expect, it } from 'vitest'
import { guardDeviceLimits, type GuardedDevice } from '../../../src/engine/backend/webgpu-limits'
import { AppError } from '../../../src/shared/errors'

/** A stand-in device: records what reached it and lets the test fire Dawn's error event. */
function fakeDevice() {
  const reached: string[] = []
  let fire: (event: { error?: { message?: string } }) => void = () => undefined
  const device: GuardedDevice = {
    limits: { maxBufferSize: 1000, maxStorageBufferBindingSize: 400 },
    createBuffer: (d) => reached.push(`buffer ${d.size}`),
    createBindGroup: (d) => reached.push(`bind ${[...d.entries].length}`),
    addEventListener: (_type, listener) => {
      fire = listener
    }
  }
  return { device, reached, fire: (message: string) => fire({ error: { message } }) }
}

function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('guardDeviceLimits', () => {
  it('passes sizes within the limits through', () => {
    const { device, reached } = fakeDevice()
    guardDeviceLimits(device, 'test GPU')
    device.createBuffer({ size: 1000 })
    device.createBindGroup({ entries: [{ resource: { buffer: { size: 400 } } }, { resource: { buffer: { size: 900 }, size: 400 } }] })
    expect(reached).toEqual(['buffer 1000', 'bind 2'])
  })

  it('names the limit a buffer or binding breaks, and what to change', () => {
    const { device, reached } = fakeDevice()
    guardDeviceLimits(device, 'test GPU')
    const buffer = thrown(() => device.createBuffer({ size: 1001 }))
    expect(buffer.code).toBe('backend-limit')
    expect(buffer.details).toMatchObject({ limit: 'maxBufferSize', bytes: 1001, value: 1000, adapter: 'test GPU' })
    const binding = thrown(() => device.createBindGroup({ entries: [{ resource: { buffer: { size: 401 } } }] }))
    expect(binding.details).toMatchObject({ limit: 'maxStorageBufferBindingSize', bytes: 401, value: 400 })
    expect(binding.message).toMatch(/exceeds the WebGPU device limit maxStorageBufferBindingSize .* the most test GPU allows\): lower the images per step \(batch\.labeled, batch\.mu/)
    expect(reached).toEqual([])
  })

  it('fails the next operation after Dawn reports an error asynchronously', () => {
    const { device, fire } = fakeDevice()
    guardDeviceLimits(device, 'test GPU')
    device.createBuffer({ size: 4 })
    fire('Out of memory')
    expect(thrown(() => device.createBuffer({ size: 4 })).message).toBe('WebGPU on test GPU: Out of memory')
  })
})
