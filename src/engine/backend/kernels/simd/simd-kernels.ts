// The project's wasm SIMD kernels (kernels.wat), instantiated on the tfjs wasm heap's own
// memory so they read and write tensors in place. The threaded build's heap is a shared
// memory and needs the binary that imports one; the one-thread build's is private. An engine
// without wasm SIMD cannot compile either: then there are no SIMD kernels and callers take
// their other path.
import { KERNELS_WASM_PRIVATE, KERNELS_WASM_SHARED } from './kernels-wasm'

/** The exports of kernels.wat. Offsets are in bytes; the last two numbers are a range of tiles. */
export interface SimdKernels {
  filterGrad(...args: number[]): void
  columnSums(...args: number[]): void
  leakyRelu(...args: number[]): void
  batchNormInference(...args: number[]): void
  channelAffine(...args: number[]): void
  batchNormDx(...args: number[]): void
  inputGrad(...args: number[]): void
}

/** What this file needs of the WebAssembly namespace (lib ES2022 declares none). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: unknown }
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

const compiled = new Map<boolean, object | null>()
let unavailableBecause: string | null = null

/** Why the SIMD kernels could not be made (the engine's own words), or null if they could. */
export const simdKernelsUnavailable = (): string | null => unavailableBecause

/** The compiled module for a shared or private heap, or null when wasm SIMD is unavailable. */
export function simdKernelModule(shared: boolean): object | null {
  if (!compiled.has(shared)) {
    let module: object | null = null
    try {
      module = new wasm.Module(Buffer.from(shared ? KERNELS_WASM_SHARED : KERNELS_WASM_PRIVATE, 'base64'))
    } catch (error) {
      unavailableBecause = `compiling them failed: ${String(error)}`
    }
    compiled.set(shared, module)
  }
  return compiled.get(shared) ?? null
}

const instances = new WeakMap<object, SimdKernels | null>()

/** The kernels on this memory (a WebAssembly.Memory), or null when they cannot run there. */
export function simdKernelsFor(memory: { readonly buffer: ArrayBufferLike }): SimdKernels | null {
  if (!instances.has(memory)) {
    const module = simdKernelModule(memory.buffer instanceof SharedArrayBuffer)
    let kernels: SimdKernels | null = null
    try {
      kernels = module === null ? null : (new wasm.Instance(module, { env: { memory } }).exports as SimdKernels)
    } catch (error) {
      unavailableBecause = `instantiating them on the heap failed: ${String(error)}`
    }
    instances.set(memory, kernels)
  }
  return instances.get(memory) ?? null
}
