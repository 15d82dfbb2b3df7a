// What can train here, best first. Cheap and side-effect free: it loads no tfjs backend in
// the calling process (it runs in Electron's main process too); natives and WebGPU are tried
// in a child process (native-probe.ts, webgpu-probe.ts). Results are cached; pass refresh
// to probe again.
import { BACKEND_NAMES, type BackendName, type BackendProbe } from '../../shared/backends'
import { probeNative, type NativePackage } from './native-probe'
import { adapterNote, adapterReport, requestedLimits, webgpuDevice } from './webgpu-adapter'
import { probeWebgpu } from './webgpu-probe'
import { MAX_TRAINING_THREADS } from '../../shared/training-threads'
import { onednnAddonFile } from './onednn'
import { hasThreadedBuild, missingWasmFiles, wasmDir, wasmSimdSupported } from './wasm-files'

export const NATIVE_PACKAGES: Record<'tfjs-node-gpu' | 'tfjs-node', NativePackage> = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node'
}

/** Where a loaded native backend runs, in words (the probe and the run report share it). */
export function nativeDeviceNote(name: 'tfjs-node-gpu' | 'tfjs-node', gpu: boolean): string {
  if (gpu) return 'CUDA GPU'
  return name === 'tfjs-node-gpu' ? 'CUDA 11.2 / cuDNN 8.1 not found: native CPU' : 'native CPU'
}

async function probeNativeBackend(name: 'tfjs-node-gpu' | 'tfjs-node'): Promise<BackendProbe> {
  const result = await probeNative(NATIVE_PACKAGES[name])
  if (!result.installed || !result.loaded) return { name, available: false, device: null, detail: result.detail }
  const version = result.tfVersion === null ? '' : ` (libtensorflow ${result.tfVersion})`
  return { name, available: true, device: result.gpu ? 'cuda' : 'native-cpu', detail: nativeDeviceNote(name, result.gpu) + version }
}

async function probeWebgpuBackend(): Promise<BackendProbe> {
  const result = await probeWebgpu()
  if (result.kind !== 'adapter') return { name: 'webgpu', available: false, device: null, detail: result.detail }
  const adapter = adapterReport(result.info, requestedLimits(result.limits))
  return { name: 'webgpu', available: true, device: webgpuDevice(adapter), detail: adapterNote(adapter), adapter }
}

function probeWasm(): BackendProbe {
  let dir: string
  try {
    dir = wasmDir()
  } catch (error) {
    return { name: 'wasm', available: false, device: null, detail: `@tensorflow/tfjs-backend-wasm not found: ${String(error)}` }
  }
  const missing = missingWasmFiles(dir)
  if (missing.length > 0) {
    return { name: 'wasm', available: false, device: null, detail: `wasm binaries missing: ${missing.join(', ')}` }
  }
  const simd = wasmSimdSupported()
  // tfjs turns threads off under Node (tfjs#3830); wasm-threads.ts starts the threaded build.
  const threads = simd && hasThreadedBuild(dir) ? `up to ${MAX_TRAINING_THREADS} threads (Settings: Training threads; CLI: --threads)` : '1 thread (no threaded SIMD build)'
  return {
    name: 'wasm',
    available: true,
    device: simd ? 'wasm-simd' : 'wasm',
    detail: `${simd ? 'SIMD' : 'no SIMD'}, ${threads}, ${convolutionsNote()}`
  }
}

/** Where the wasm backend's convolutions will run. */
function convolutionsNote(): string {
  const found = onednnAddonFile()
  return 'file' in found ? 'convolutions on oneDNN (native)' : `convolutions on wasm kernels (oneDNN: ${found.why})`
}

function probeCpu(): BackendProbe {
  return { name: 'cpu', available: true, device: 'js-cpu', detail: 'pure JavaScript: a last resort, far slower than wasm' }
}

async function probeOne(name: BackendName): Promise<BackendProbe> {
  switch (name) {
    case 'tfjs-node-gpu':
    case 'tfjs-node':
      return probeNativeBackend(name)
    case 'webgpu':
      return probeWebgpuBackend()
    case 'wasm':
      return probeWasm()
    case 'cpu':
      return probeCpu()
    default: {
      const never: never = name
      throw new Error(`unknown backend ${String(never)}`)
    }
  }
}

let cached: Promise<BackendProbe[]> | null = null

/** Every backend in BACKEND_NAMES order (best first), with whether it can run here. */
export function probeBackends(options: { refresh?: boolean } = {}): Promise<BackendProbe[]> {
  if (cached === null || options.refresh === true) {
    // Natives and WebGPU in sequence: each child may load libtensorflow or a GPU driver.
    cached = (async () => {
      const out: BackendProbe[] = []
      for (const name of BACKEND_NAMES) out.push(await probeOne(name))
      return out
    })()
  }
  return cached
}
