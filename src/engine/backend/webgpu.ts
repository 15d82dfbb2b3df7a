// The webgpu backend: Dawn (the `webgpu` package, an N-API addon) in this process and
// tfjs-backend-webgpu on a device created here with the adapter's maximum buffer limits.
// Loaded by select.ts only when webgpu is asked for, so only the training process (worker,
// CLI, tests) ever loads Dawn; main and the renderer never do (probe.ts uses a child).
// Each way it can fail is its own AppError; it never falls back to another backend.
import * as tf from '@tensorflow/tfjs'
import type { BackendReport } from '../../shared/backends'
import { AppError } from '../../shared/errors'
import { describeAdapter } from '../../shared/gpu-adapter'
import { adapterNote, adapterReport, noAdapterHint, requestedLimits, webgpuDevice, type AdapterInfoLike } from './webgpu-adapter'
import { guardDeviceLimits, type GuardedDevice } from './webgpu-limits'
import { WEBGPU_INSTALL_HINT, resolveWebgpu } from './webgpu-probe'
import { installDawnTickCapture } from './webgpu-sync-read'
import { syncReadBackendClass } from './webgpu-backend-class'

export type WebgpuFailure = 'not-installed' | 'addon' | 'no-navigator-gpu' | 'no-adapter' | 'device' | 'init'

function failed(failure: WebgpuFailure, why: string): AppError {
  return new AppError('backend-unavailable', `backend webgpu is unavailable: ${why}`, { backend: 'webgpu', failure })
}

const text = (error: unknown): string => (error instanceof Error ? error.message || error.name : String(error))

interface DawnModule {
  create(options: string[]): GPU
  globals: object
}

/** One device a process: tfjs keeps its backend instance, so reselecting webgpu reuses it. */
let started: BackendReport | null = null

async function loadDawn(): Promise<DawnModule> {
  if (resolveWebgpu() === null) throw failed('not-installed', WEBGPU_INSTALL_HINT)
  installDawnTickCapture()
  try {
    return (await import('webgpu')) as unknown as DawnModule
  } catch (error) {
    throw failed('addon', `the Dawn addon (webgpu package) failed to load: ${text(error)}`)
  }
}

// Dawn's GPUAdapterInfo has its fields as prototype getters: read them one by one.
function readAdapterInfo(adapter: GPUAdapter): AdapterInfoLike {
  const info = adapter.info as unknown as AdapterInfoLike
  const fallback = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter === true || fallback
  }
}

function installNavigatorGpu(gpu: GPU): void {
  const holder = globalThis as unknown as { navigator?: object }
  // tfjs-backend-webgpu checks navigator.gpu; Node 21+ has a navigator without one.
  if (holder.navigator === undefined) Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true })
  else Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true })
}

async function startDevice(): Promise<BackendReport> {
  const dawn = await loadDawn()
  // Imported before navigator.gpu exists, so it registers its kernels but not its own factory.
  const tfWebgpu = await import('@tensorflow/tfjs-backend-webgpu')
  let gpu: GPU
  try {
    Object.assign(globalThis, dawn.globals)
    gpu = dawn.create([])
  } catch (error) {
    throw failed('no-navigator-gpu', `Dawn loaded but did not give a navigator.gpu: ${text(error)}`)
  }
  let adapter: GPUAdapter | null
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' })
  } catch (error) {
    throw failed('no-adapter', `${noAdapterHint()} (${text(error)})`)
  }
  if (adapter === null) throw failed('no-adapter', noAdapterHint())
  const limits = requestedLimits(adapter.limits as unknown as Record<string, unknown>)
  const report = adapterReport(readAdapterInfo(adapter), limits)
  const name = describeAdapter(report)
  let device: GPUDevice
  try {
    device = await adapter.requestDevice({ requiredLimits: limits, requiredFeatures: [] })
  } catch (error) {
    throw failed('device', `${name} refused a device with limits ${JSON.stringify(limits)}: ${text(error)}`)
  }
  guardDeviceLimits(device as unknown as GuardedDevice, name)
  installNavigatorGpu(gpu)
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu')
  const Backend = syncReadBackendClass(tfWebgpu.WebGPUBackend)
  tf.registerBackend('webgpu', () => new Backend(device, adapter.info))
  if (!(await tf.setBackend('webgpu'))) throw failed('init', `tfjs-backend-webgpu failed to initialize on ${name}`)
  return { name: 'webgpu', device: webgpuDevice(report), detail: `tfjs-backend-webgpu on Dawn: ${adapterNote(report)}`, adapter: report }
}

export async function useWebgpu(): Promise<BackendReport> {
  if (started !== null && tf.findBackend('webgpu') !== null) {
    if (!(await tf.setBackend('webgpu'))) throw failed('init', 'the webgpu backend failed to reinitialize')
    return started
  }
  started = await startDevice()
  return started
}
