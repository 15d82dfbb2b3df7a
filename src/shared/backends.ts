// Training backends, best first. Both native packages register the backend name
// 'tensorflow', so one process loads at most one of them. Which one 'auto' takes is
// backend-auto.ts.
import { z } from 'zod'
import { GpuAdapterSchema } from './gpu-adapter'

export const BACKEND_NAMES = ['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'wasm', 'cpu'] as const
export const BackendNameSchema = z.enum(BACKEND_NAMES)
export type BackendName = z.infer<typeof BackendNameSchema>
/** What a config or the settings may ask for: a backend, or 'auto' (the best available). */
export const BackendChoiceSchema = z.enum(['auto', ...BACKEND_NAMES])
export type BackendChoice = z.infer<typeof BackendChoiceSchema>

export const BackendProbeSchema = z.object({
  name: BackendNameSchema,
  available: z.boolean(),
  /** What actually computes: 'cuda', 'gpu' (WebGPU, hardware), 'software-gpu', 'native-cpu', 'wasm-simd', 'wasm', 'js-cpu'. */
  device: z.string().nullable(),
  /** Why it is unavailable, or a note (e.g. "CUDA not found: native CPU"). */
  detail: z.string(),
  /** webgpu only: the adapter it found. */
  adapter: GpuAdapterSchema.optional()
})
export type BackendProbe = z.infer<typeof BackendProbeSchema>

/** What a run records about where it ran (session.json's segments, the run list, the CLI). */
export const BackendReportSchema = z.object({
  name: BackendNameSchema,
  device: z.string(),
  detail: z.string(),
  threads: z.number().int().optional(),
  /** wasm only: the oneDNN version its convolutions ran on (native), when they did. */
  onednn: z.string().optional(),
  /** webgpu only: the adapter and the limits the run's device was created with. */
  adapter: GpuAdapterSchema.optional()
})
export type BackendReport = z.infer<typeof BackendReportSchema>
