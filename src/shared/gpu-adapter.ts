// What a WebGPU run records about its GPU: the adapter as Dawn describes it, whether it is a
// software rasterizer (auto never trains on one), and the device limits the run asked for.
import { z } from 'zod'

export const GpuAdapterSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  /** Mesa lavapipe/llvmpipe, SwiftShader or a fallback adapter: a correctness path, not a speed path. */
  software: z.boolean(),
  /** The limits requested from the device (the adapter's maxima for the ones that bound tensor sizes). */
  limits: z.record(z.string(), z.number())
})
export type GpuAdapter = z.infer<typeof GpuAdapterSchema>

/** "llvmpipe: Mesa 25.0.7 (mesa, software)": the adapter in one line. */
export function describeAdapter(adapter: Pick<GpuAdapter, 'vendor' | 'architecture' | 'device' | 'description'>): string {
  const name = adapter.description || adapter.device || 'unnamed adapter'
  const extra = [adapter.vendor, adapter.architecture].filter((s) => s.length > 0)
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name
}
