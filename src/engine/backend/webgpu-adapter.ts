// Pure facts about a WebGPU adapter, shared by the probe (child process) and the backend:
// whether it is a software rasterizer and which device limits a training run asks for.
import { describeAdapter, type GpuAdapter } from '../../shared/gpu-adapter'

/** The parts of GPUAdapterInfo Dawn fills in (its own object, read field by field). */
export interface AdapterInfoLike {
  vendor?: string
  architecture?: string
  device?: string
  description?: string
  isFallbackAdapter?: boolean
}

/**
 * The limits that bound how large a tensor (a batch) can be, plus the workgroup ones
 * tfjs-backend-webgpu sizes its shaders by. A device gets the WebGPU defaults unless it
 * asks: the default maxStorageBufferBindingSize (128 MiB) is about one WRN-28-2
 * activation at the paper batch, so ask for the adapter's maxima.
 */
export const REQUESTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxStorageBuffersPerShaderStage'
] as const
export type RequestedLimit = (typeof REQUESTED_LIMITS)[number]

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i

/** Mesa lavapipe/llvmpipe, SwiftShader, or whatever Dawn itself calls a fallback adapter. */
export function isSoftwareAdapter(info: AdapterInfoLike): boolean {
  if (info.isFallbackAdapter === true) return true
  return [info.architecture, info.device, info.description].some((s) => typeof s === 'string' && SOFTWARE.test(s))
}

/** The adapter's maxima for REQUESTED_LIMITS (those it reports as numbers). */
export function requestedLimits(adapterLimits: Readonly<Record<string, unknown>>): Record<RequestedLimit, number> {
  const out: Partial<Record<RequestedLimit, number>> = {}
  for (const name of REQUESTED_LIMITS) {
    const value = adapterLimits[name]
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value
  }
  return out as Record<RequestedLimit, number>
}

export function adapterReport(info: AdapterInfoLike, limits: Record<string, number>): GpuAdapter {
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software: isSoftwareAdapter(info),
    limits
  }
}

export function webgpuDevice(adapter: GpuAdapter): 'gpu' | 'software-gpu' {
  return adapter.software ? 'software-gpu' : 'gpu'
}

/** The probe's and the run report's note on an adapter. */
export function adapterNote(adapter: GpuAdapter): string {
  const mib = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${Math.floor(bytes / 2 ** 20)} MiB`)
  const sizes = `max binding ${mib(adapter.limits.maxStorageBufferBindingSize)}, max buffer ${mib(adapter.limits.maxBufferSize)}`
  const software = adapter.software ? '; software adapter: a correctness path, slower than wasm, never picked by auto' : ''
  return `${describeAdapter(adapter)}, ${sizes}${software}`
}

/** Where Dawn finds no adapter, the usual cause and fix, by platform. */
export function noAdapterHint(platform: string = process.platform): string {
  if (platform === 'linux') {
    return 'Dawn found no Vulkan device: install a Vulkan driver (the GPU vendor\'s, or Mesa\'s lavapipe: mesa-vulkan-drivers 23 or newer; Debian bookworm needs it from bookworm-backports)'
  }
  if (platform === 'win32') return 'Dawn found no D3D12 device: update the GPU driver'
  return 'Dawn found no Metal device'
}
