import { z } from 'zod'
import { BackendReportSchema } from './backends'
import { ExperimentConfigSchema } from './config/experiment-config'
import { LrScheduleSchema } from './lr-schedule'
import type { AblationMode } from './config/ablation'
import type { EvalRecord, StepMetrics, SweepRecord } from './metrics'

/** Bumped when the folder layout or a file's meaning changes; older versions are migrated or refused. */
export const SESSION_SCHEMA_VERSION = 1

export const SessionStatusSchema = z.enum(['created', 'running', 'paused', 'stopped', 'finished', 'failed'])
export type SessionStatus = z.infer<typeof SessionStatusSchema>
export const SESSION_STATUSES = SessionStatusSchema.options

const time = z.number().finite()
const step = z.number().int().min(0)

/** One training segment: the first run, then one per resume. */
export const SessionSegmentSchema = z.object({
  index: z.number().int().min(0),
  startStep: step,
  endStep: step.nullable(),
  startedAt: time,
  endedAt: time.nullable(),
  backend: BackendReportSchema.nullable(),
  status: SessionStatusSchema,
  /** The learning-rate schedule this segment trained with (absent in older sessions). */
  schedule: LrScheduleSchema.optional()
})
export type SessionSegment = z.infer<typeof SessionSegmentSchema>

/** session.json */
export const SessionManifestSchema = z.object({
  schemaVersion: z.number().int().min(1),
  app: z.literal('pseudoscope'),
  name: z.string(),
  config: ExperimentConfigSchema,
  status: SessionStatusSchema,
  createdAt: time,
  updatedAt: time,
  versions: z.record(z.string(), z.string()),
  segments: z.array(SessionSegmentSchema),
  /** Last checkpointed step, null when none. */
  checkpointStep: step.nullable(),
  /** Steps at which per-sample snapshots exist (samples/<step>/ folders). */
  sampleSnapshots: z.array(step),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable().optional()
})
export type SessionManifest = z.infer<typeof SessionManifestSchema>

/**
 * How session.json is read and checked before a write: the same schema, but unknown keys are
 * kept (at the top, in segments and in their backend reports), so a rewrite by this version
 * loses nothing a newer minor wrote.
 */
export const SessionManifestFileSchema = SessionManifestSchema.extend({
  segments: z.array(SessionSegmentSchema.extend({ backend: BackendReportSchema.loose().nullable() }).loose())
}).loose()

export interface SessionSummary {
  id: string
  path: string
  name: string
  datasetId: string
  algorithm: string
  status: SessionStatus
  createdAt: number
  updatedAt: number
  lastStep: number
  totalSteps: number
  bestTestAcc: number | null
  checkpointStep: number | null
  /** Oracle ablation runs only (issue 27): the mode, so the list can say "oracle". */
  ablation?: AblationMode
}

/** What the renderer keeps of a session's view (ui.json). */
export const UiStateSchema = z.strictObject({
  view: z.string().max(64).optional(),
  chart: z
    .strictObject({
      smoothing: z.number().min(0).max(0.999).optional(),
      xAxis: z.enum(['step', 'time']).optional()
    })
    .optional(),
  browser: z
    .strictObject({
      filter: z.record(z.string(), z.unknown()).optional(),
      sort: z.string().max(64).optional(),
      selectedIndex: z.number().int().min(-1).optional(),
      snapshotStep: z.number().int().min(0).nullable().optional()
    })
    .optional()
})
export type UiState = z.infer<typeof UiStateSchema>

/** Everything a session folder holds but its large arrays (per-sample state, checkpoint). */
export interface SessionFolderContents {
  manifest: SessionManifest
  metrics: StepMetrics[]
  evals: EvalRecord[]
  sweeps: SweepRecord[]
  ui: UiState
  /** Non-fatal problems found on load (e.g. a torn last line that was skipped). */
  warnings: string[]
}

export interface SessionData extends SessionFolderContents {
  summary: SessionSummary
}
