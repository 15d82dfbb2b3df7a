// Helpers for kernels that compose wasm kernels and touch the wasm heap directly.
// Views on the heap go stale when wasm memory grows, so take them after every allocation.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

export type TensorInfo = tf.TensorInfo

/** Runs another wasm kernel synchronously, outside the gradient tape. */
export function runWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap
): TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm')
  if (kernel === undefined) throw new Error(`wasm kernel ${kernelName} is not registered`)
  const out = kernel.kernelFunc({ inputs, backend, attrs })
  if (Array.isArray(out)) throw new Error(`wasm kernel ${kernelName} returned several outputs`)
  return out
}

/**
 * A new float32 tensor on the wasm heap. tfjs does not check malloc, which returns 0 when
 * the 4 GB heap is exhausted; writing there corrupts memory, so fail clearly instead.
 */
export function allocate(backend: BackendWasm, shape: number[]): TensorInfo {
  const out = backend.makeOutput(shape, 'float32')
  if (backend.getMemoryOffset(out.dataId) === 0 && shape.some((d) => d > 0)) {
    backend.disposeData(out.dataId)
    throw new Error(`wasm heap exhausted (4 GB) allocating [${shape.join(', ')}]: use a smaller batch or a native backend`)
  }
  return out
}

export function f32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array
}

/**
 * The heap's memory (a SharedArrayBuffer in the threaded build), read from the Memory itself
 * where there is one: HEAPU8 is refreshed only when this thread notices a growth. Stale after
 * an allocation.
 */
export function heapBuffer(backend: BackendWasm): ArrayBufferLike {
  return heapMemory(backend)?.buffer ?? (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer
}

/**
 * The module's WebAssembly.Memory (lib ES2022 declares no WebAssembly types), when it exposes
 * one: the threaded build imports its memory (wasmMemory), the one-thread build exports it.
 */
export function heapMemory(backend: BackendWasm): { readonly buffer: ArrayBufferLike } | null {
  type Memory = { buffer: ArrayBufferLike }
  const module = backend.wasm as unknown as { wasmMemory?: Memory; asm?: { memory?: Memory } }
  return module.wasmMemory ?? module.asm?.memory ?? null
}

/**
 * Scratch for `length` float64s on the heap, where the heap pool's helpers can reach them:
 * `index` is where they start in a Float64Array over the heap. Dispose `info` when done.
 */
export function allocateFloat64(backend: BackendWasm, length: number): { info: TensorInfo; index: number } {
  // One float more than needed, to start on an 8-byte boundary.
  const info = allocate(backend, [length * 2 + 1])
  return { info, index: Math.ceil(backend.getMemoryOffset(info.dataId) / 8) }
}

/** The whole heap as float64s, for data allocateFloat64 placed. Stale after an allocation. */
export function heapF64(backend: BackendWasm): Float64Array {
  return new Float64Array(heapBuffer(backend))
}

/** Where a tensor starts on the heap, in floats. */
export function floatOffset(backend: BackendWasm, info: TensorInfo): number {
  return backend.getMemoryOffset(info.dataId) / 4
}

/** Cap on an im2col buffer (floats): 32 MB keeps the wasm heap small at batch 960. */
export const im2colLimit = { maxFloats: 1 << 23 }

/** Largest number of images per chunk whose im2col buffer stays under the cap. */
export function imagesPerChunk(batch: number, floatsPerImage: number): number {
  return Math.max(1, Math.min(batch, Math.floor(im2colLimit.maxFloats / Math.max(1, floatsPerImage))))
}

/** A rank-2 copy of rows [start, start + rows) of a row-major tensor (its own heap buffer). */
export function copyRows(backend: BackendWasm, src: TensorInfo, start: number, rows: number, cols: number): TensorInfo {
  const out = allocate(backend, [rows, cols])
  const whole = f32(backend, src)
  f32(backend, out).set(whole.subarray(start * cols, (start + rows) * cols))
  return out
}
