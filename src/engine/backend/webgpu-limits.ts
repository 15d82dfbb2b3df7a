// Device limits as clear errors. WebGPU reports an oversized buffer or binding as an
// asynchronous validation error and computes garbage; tfjs-backend-webgpu does not check.
// So the device's createBuffer and createBindGroup are checked here, and any error Dawn
// reports later (validation, out of memory, device lost) fails the next operation.
import { AppError } from '../../shared/errors'

/** The parts of a GPUDevice the guard wraps. */
export interface GuardedDevice {
  readonly limits: { readonly maxBufferSize: number; readonly maxStorageBufferBindingSize: number }
  createBuffer(descriptor: { size: number }): unknown
  createBindGroup(descriptor: { entries: Iterable<{ resource: unknown }> }): unknown
  addEventListener?(type: 'uncapturederror', listener: (event: { error?: { message?: string } }) => void): void
  readonly lost?: Promise<{ message?: string; reason?: string }>
}

export type SizeLimit = 'maxBufferSize' | 'maxStorageBufferBindingSize'

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`

/** Which limit a size breaks and what to change. */
export function limitError(limit: SizeLimit, bytes: number, value: number, adapter: string): AppError {
  return new AppError(
    'backend-limit',
    `a ${mib(bytes)} tensor exceeds the WebGPU device limit ${limit} (${mib(value)}, the most ${adapter} allows): ` +
      'lower the images per step (batch.labeled, batch.mu: labeled * (1 + 2 * mu) images go through the model at once), ' +
      'or train on a GPU whose adapter allows more',
    { backend: 'webgpu', limit, bytes, value, adapter }
  )
}

function boundSize(resource: unknown): number | null {
  if (typeof resource !== 'object' || resource === null) return null
  const { size, buffer } = resource as { size?: unknown; buffer?: { size?: unknown } }
  if (typeof size === 'number') return size
  return typeof buffer?.size === 'number' ? buffer.size : null
}

export function guardDeviceLimits(device: GuardedDevice, adapter: string): void {
  let pending: string | null = null
  device.addEventListener?.('uncapturederror', (event) => {
    pending ??= event.error?.message ?? 'unknown WebGPU error'
  })
  void device.lost?.then((info) => {
    pending ??= `the WebGPU device was lost (${info.reason ?? 'unknown'}): ${info.message ?? ''}`
  })
  const raisePending = (): void => {
    if (pending !== null) throw new AppError('internal', `WebGPU on ${adapter}: ${pending}`, { backend: 'webgpu' })
  }
  const createBuffer = device.createBuffer.bind(device)
  const createBindGroup = device.createBindGroup.bind(device)
  device.createBuffer = (descriptor) => {
    raisePending()
    if (descriptor.size > device.limits.maxBufferSize) throw limitError('maxBufferSize', descriptor.size, device.limits.maxBufferSize, adapter)
    return createBuffer(descriptor)
  }
  device.createBindGroup = (descriptor) => {
    raisePending()
    const entries = [...descriptor.entries]
    for (const entry of entries) {
      const size = boundSize(entry.resource)
      const max = device.limits.maxStorageBufferBindingSize
      if (size !== null && size > max) throw limitError('maxStorageBufferBindingSize', size, max, adapter)
    }
    return createBindGroup({ ...descriptor, entries })
  }
}
