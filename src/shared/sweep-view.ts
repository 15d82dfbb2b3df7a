// What the app's Sweeps view gets from main: a sweep's summary for the list, and its detail
// (manifest, each run's measures and curves, read from the session folders).
import { z } from 'zod'
import type { SweepManifest, SweepRunState } from './sweep-manifest'
import type { RunResult } from './sweep-results'

export interface SweepSummary {
  /** The sweep folder's name; resolved only through main's listing. */
  id: string
  name: string
  executor: 'local' | 'slurm'
  runs: number
  states: Partial<Record<SweepRunState, number>>
  createdAt: number
  updatedAt: number
}

/** A run's curves, downsampled: [step, value] pairs. */
export interface RunCurves {
  plAccAll: [number, number][]
  maskRate: [number, number][]
  /** The EMA model's test accuracy where it has one, else the raw model's. */
  testAcc: [number, number][]
}

export interface SweepDetail {
  summary: SweepSummary
  manifest: SweepManifest
  /** By run index: what its session folder measured so far (null: no session yet). */
  results: (RunResult | null)[]
  curves: (RunCurves | null)[]
  /** Another process (npm run sweep) follows this sweep: the app only reads it. */
  followedBy: string | null
}

/** What the renderer submits: the experiment form's config and the grid editor's grid. */
export const SweepSubmitSchema = z.strictObject({
  name: z.string().min(1).max(80),
  config: z.unknown(),
  grid: z.record(z.string(), z.array(z.unknown())),
  executor: z.enum(['local', 'slurm'])
})
export type SweepSubmit = z.infer<typeof SweepSubmitSchema>
