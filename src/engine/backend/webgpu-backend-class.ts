// tfjs-backend-webgpu's WebGPUBackend with a readSync that works under Node (the stock one
// needs OffscreenCanvas): the same staging-buffer copy its async read makes, mapped
// synchronously (webgpu-sync-read.ts). Written against tfjs-backend-webgpu 4.22.0's
// internals, pinned in package.json; test/engine/backend/webgpu checks it.
import * as tf from '@tensorflow/tfjs'
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu'
import { mapReadSync } from './webgpu-sync-read'

interface TensorData {
  values?: tf.BackendValues | null
  dtype: tf.DataType
  resource: GPUBuffer | GPUTexture | null
}

/** The members of WebGPUBackend 4.22.0 its own read() uses. */
interface Internals {
  tensorMap: { get(dataId: object): TensorData }
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer; releaseBuffer(buffer: GPUBuffer): void }
  commandEncoder: GPUCommandEncoder
  ensureCommandEncoderReady(): void
  endComputePassEncoder(): void
  submitQueue(): void
  convertAndCacheOnCPU(dataId: object, data: tf.BackendValues): tf.BackendValues
}

export function syncReadBackendClass(Base: typeof WebGPUBackend): typeof WebGPUBackend {
  return class NodeWebGPUBackend extends Base {
    override readSync(dataId: object): tf.BackendValues {
      const self = this as unknown as Internals
      const data = self.tensorMap.get(dataId)
      const buffer = data.resource
      if (data.values != null || data.dtype === 'string' || data.dtype === 'complex64' || !(buffer instanceof GPUBuffer)) {
        return super.readSync(dataId)
      }
      const staging = self.bufferManager.acquireBuffer(buffer.size, GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ)
      self.ensureCommandEncoderReady()
      self.endComputePassEncoder()
      self.commandEncoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size)
      self.submitQueue()
      const bytes = mapReadSync(staging, GPUMapMode.READ)
      self.bufferManager.releaseBuffer(staging)
      return self.convertAndCacheOnCPU(dataId, tf.util.convertBackendValuesAndArrayBuffer(bytes, data.dtype) as tf.BackendValues)
    }
  }
}
