// What the app's Sweeps view gets from main: a sweep's summary for the list, and its detail
// (manifest, each run's measures and curves, read from the session folders).
import { z } from 'zod'
import { ABLATION_MODES } from './config/ablation'
import { ALGORITHMS } from './config/experiment-config'
import { SWEEP_RUN_STATES, type SweepManifest } from './sweep-manifest'
import type { RunResult } from './sweep-results'

export const SweepSummarySchema = z.strictObject({
  /** The sweep folder's name; resolved only through main's listing. */
  id: z.string(),
  name: z.string(),
  executor: z.enum(['local', 'slurm']),
  runs: z.number().int(),
  states: z.partialRecord(z.enum(SWEEP_RUN_STATES), z.number().int()),
  createdAt: z.number(),
  updatedAt: z.number(),
  /**
   * Why the app only reads this sweep (its sweep.json names cluster options off the
   * allow-list), or null: a read-only sweep is never polled, cancelled or resubmitted.
   */
  readOnly: z.string().nullable()
})
export type SweepSummary = z.infer<typeof SweepSummarySchema>

/** A folder under the sweeps folder whose sweep.json cannot be read: listed with why, never opened. */
export interface UnreadableSweep {
  /** The folder's name. */
  id: string
  error: string
}

/** What the sweeps folder holds: the sweeps, newest first, and the folders that are not readable sweeps. */
export interface SweepListing {
  sweeps: SweepSummary[]
  unreadable: UnreadableSweep[]
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
  executor: z.enum(['local', 'slurm']),
  /** An algorithm comparison: each grid point runs every one of these (sweep-spec's algorithms). */
  algorithms: z.array(z.enum(ALGORITHMS)).max(ALGORITHMS.length).optional(),
  /** An oracle-ablation study: each grid point runs every one of these modes (sweep-spec's ablations). */
  ablations: z.array(z.enum(ABLATION_MODES)).max(ABLATION_MODES.length).optional()
})
export type SweepSubmit = z.infer<typeof SweepSubmitSchema>
