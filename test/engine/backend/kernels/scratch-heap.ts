// A private wasm memory with the project's SIMD kernels on it, for testing heap loops
// without tfjs: the same loop run with simd null (its JS) and with the kernels.
import { expect } from 'vitest'
import { simdKernelsFor, type SimdKernels } from '../../../../src/engine/backend/kernels/simd/simd-kernels'

type WasmMemory = { buffer: ArrayBuffer }
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => WasmMemory } }).WebAssembly

export interface ScratchHeap {
  memory: WasmMemory
  simd: SimdKernels
  heap: Float32Array
  heap64: Float64Array
  /** The raw bits of `length` floats from float offset `off`. */
  bits(off: number, length: number): Uint32Array
}

export function scratchHeap(pages: number): ScratchHeap {
  const memory = new wasm.Memory({ initial: pages, maximum: 65536 })
  const simd = simdKernelsFor(memory)
  expect(simd, 'the SIMD kernels instantiate on a private memory').not.toBeNull()
  return {
    memory,
    simd: simd!,
    heap: new Float32Array(memory.buffer),
    heap64: new Float64Array(memory.buffer),
    bits: (off, length) => new Uint32Array(memory.buffer, off * 4, length)
  }
}
