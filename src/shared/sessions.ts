import { z } from 'zod'
import type { BackendReport } from './backends'
import type { ExperimentConfig } from './config/experiment-config'
import type { LrSchedule } from './lr-schedule'
import type { EvalRecord, StepMetrics, SweepRecord } from './metrics'

/** Bumped when the folder layout or a file's meaning changes; older versions are migrated or refused. */
export const SESSION_SCHEMA_VERSION = 1

export const SESSION_STATUSES = ['created', 'running', 'paused', 'stopped', 'finished', 'failed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** One training segment: the first run, then one per resume. */
export interface SessionSegment {
  index: number
  startStep: number
  endStep: number | null
  startedAt: number
  endedAt: number | null
  backend: BackendReport | null
  status: SessionStatus
  /** The learning-rate schedule this segment trained with (absent in older sessions). */
  schedule?: LrSchedule
}

/** session.json */
export interface SessionManifest {
  schemaVersion: number
  app: 'pseudoscope'
  name: string
  config: ExperimentConfig
  status: SessionStatus
  createdAt: number
  updatedAt: number
  versions: Record<string, string>
  segments: SessionSegment[]
  /** Last checkpointed step, null when none. */
  checkpointStep: number | null
  /** Steps at which per-sample snapshots exist (samples/<step>/ folders). */
  sampleSnapshots: number[]
  error?: { code: string; message: string } | null
}

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
