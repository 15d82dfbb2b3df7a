// Sets the tfjs backend a run trains on. A requested backend that cannot load is an
// AppError('backend-unavailable'), never a silent fallback; 'auto' takes what backend-auto.ts
// picks from the probe. webgpu.ts (Dawn) is loaded only when webgpu is used.
import { createRequire } from 'node:module'
import * as tf from '@tensorflow/tfjs'
import { getThreadsCount, setWasmPaths, type BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { autoBackend } from '../../shared/backend-auto'
import { AppError } from '../../shared/errors'
import type { BackendChoice, BackendName, BackendReport } from '../../shared/backends'
import { registerCpuTrainingKernels, registerWasmTrainingKernels } from './kernels'
import { HeapPool, setHeapPool } from './kernels/heap-pool'
import { heapMemory } from './kernels/wasm-heap'
import { simdKernelsFor, simdKernelsUnavailable } from './kernels/simd/simd-kernels'
import { installHint, resolveNative } from './native-probe'
import { NATIVE_PACKAGES, nativeDeviceNote, probeBackends } from './probe'
import { loadOnednn } from './onednn'
import { missingWasmFiles, wasmDir } from './wasm-files'
import { wasmThreadCount, withWasmThreads } from './wasm-threads'

function unavailable(name: BackendName, why: string): AppError {
  return new AppError('backend-unavailable', `backend ${name} is unavailable: ${why}`, { backend: name })
}

async function useWasm(): Promise<BackendReport> {
  const dir = wasmDir()
  const missing = missingWasmFiles(dir)
  if (missing.length > 0) throw unavailable('wasm', `missing ${missing.join(', ')}`)
  setWasmPaths(dir)
  const started = await withWasmThreads(wasmThreadCount(), dir, () => tf.setBackend('wasm'))
  if (!started) throw unavailable('wasm', `the wasm module in ${dir} failed to initialize`)
  await tf.ready()
  registerWasmTrainingKernels()
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true
  const threads = getThreadsCount()
  // The project's JS kernels split over as many threads as XNNPACK's (none when threads is 1).
  const memory = heapMemory(tf.backend() as BackendWasm)
  setHeapPool(memory ? HeapPool.start(memory, threads - 1) : null)
  // The project's own SIMD kernels (kernels.wat) or, where they cannot run, why not.
  const ownSimd = memory !== null && simdKernelsFor(memory) !== null
  const kernels = ownSimd ? 'project training kernels with wasm SIMD' : `project training kernels without SIMD (${simdKernelsUnavailable() ?? 'the heap exposes no memory'})`
  // Convolutions on oneDNN (native) where its addon is built, on as many threads.
  const onednn = loadOnednn(threads)
  const convolutions = onednn.addon !== null ? `convolutions on oneDNN ${onednn.version} (native)` : `convolutions on wasm (oneDNN: ${onednn.why})`
  return {
    name: 'wasm',
    device: simd ? 'wasm-simd' : 'wasm',
    detail: `tfjs-backend-wasm ${simd ? 'with SIMD' : 'without SIMD'}, ${threads} thread(s), ${kernels}, ${convolutions}`,
    ...(onednn.addon !== null ? { onednn: onednn.version } : {}),
    threads
  }
}

interface NativeBinding {
  isUsingGpuDevice?: () => boolean
  TF_Version?: string
}

// Loads the native package into this process (the training worker), which registers and
// selects the 'tensorflow' backend. Both natives share that name: one per process.
let loadedNative: 'tfjs-node-gpu' | 'tfjs-node' | null = null

async function useNative(name: 'tfjs-node-gpu' | 'tfjs-node'): Promise<BackendReport> {
  const pkg = NATIVE_PACKAGES[name]
  const main = resolveNative(pkg)
  if (main === null) throw unavailable(name, installHint(pkg))
  if (loadedNative !== null && loadedNative !== name) {
    throw unavailable(name, `this process already loaded ${NATIVE_PACKAGES[loadedNative]} (both register the backend 'tensorflow')`)
  }
  if (loadedNative === null) {
    try {
      createRequire(import.meta.url)(main)
      loadedNative = name
    } catch (error) {
      throw unavailable(name, `failed to load ${pkg}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (!(await tf.setBackend('tensorflow'))) throw unavailable(name, `${pkg} loaded but its backend failed to initialize`)
  const binding = (tf.backend() as unknown as { binding?: NativeBinding }).binding
  tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync())
  const gpu = binding?.isUsingGpuDevice?.() === true
  const version = binding?.TF_Version === undefined ? '' : `, libtensorflow ${binding.TF_Version}`
  return { name, device: gpu ? 'cuda' : 'native-cpu', detail: `${pkg}: ${nativeDeviceNote(name, gpu)}${version}` }
}

async function useCpu(): Promise<BackendReport> {
  if (!(await tf.setBackend('cpu'))) throw unavailable('cpu', 'the pure-JS backend failed to initialize')
  registerCpuTrainingKernels()
  return { name: 'cpu', device: 'js-cpu', detail: 'tfjs-backend-cpu (pure JavaScript), project filter-gradient kernel', threads: 1 }
}

async function useBackend(name: BackendName): Promise<BackendReport> {
  switch (name) {
    case 'tfjs-node-gpu':
    case 'tfjs-node':
      return useNative(name)
    case 'webgpu':
      return (await import('./webgpu')).useWebgpu()
    case 'wasm':
      return useWasm()
    case 'cpu':
      return useCpu()
    default: {
      const never: never = name
      throw new Error(`unknown backend ${String(never)}`)
    }
  }
}

// tfjs-backend-cpu greets its first use under Node with advice to install tfjs-node; here
// that is noise (the probe and the report say what runs), so mark it as already shown.
function quietCpuGreeting(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null
  if (cpu !== null && typeof cpu.firstUse === 'boolean') cpu.firstUse = false
}

export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  quietCpuGreeting()
  if (choice !== 'auto') return useBackend(choice)
  const probes = await probeBackends()
  const best = autoBackend(probes)
  if (best === undefined) {
    throw new AppError('backend-unavailable', 'no training backend is available', { probes })
  }
  return useBackend(best.name)
}
