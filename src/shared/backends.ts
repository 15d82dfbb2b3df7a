// Training backends, best first. Both native packages register the backend name
// 'tensorflow', so one process loads at most one of them.
import { z } from 'zod'

export const BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const
export type BackendName = (typeof BACKEND_NAMES)[number]
/** What a config or the settings may ask for: a backend, or 'auto' (the best available). */
export const BackendChoiceSchema = z.enum(['auto', ...BACKEND_NAMES])
export type BackendChoice = z.infer<typeof BackendChoiceSchema>

export interface BackendProbe {
  name: BackendName
  available: boolean
  /** What actually computes: 'cuda' (GPU), 'native-cpu', 'wasm-simd', 'wasm', 'js-cpu'. */
  device: string | null
  /** Why it is unavailable, or a note (e.g. "CUDA not found: native CPU"). */
  detail: string
}

/** What a run records about where it ran. */
export interface BackendReport {
  name: BackendName
  device: string
  detail: string
  threads?: number
}
