import { z } from 'zod'
import type { BackendReport } from './backends'
import type { ExperimentConfig } from './config/experiment-config'
import type { AppErrorPayload } from './errors'
import type { EvalRecord, RunProgress, StepMetrics, SweepRecord } from './metrics'

export const RunStateSchema = z.enum(['queued', 'starting', 'running', 'paused', 'stopping', 'finished', 'stopped', 'failed'])
export type RunState = z.infer<typeof RunStateSchema>
export const RUN_STATES = RunStateSchema.options

const FINAL_RUN_STATES: ReadonlySet<RunState> = new Set(['finished', 'stopped', 'failed'] satisfies RunState[])

/** The run has ended; its state will not change again. */
export const isRunFinal = (state: RunState): boolean => FINAL_RUN_STATES.has(state)
/** The run holds its session folder (queued, starting, training, paused or stopping). */
export const isRunActive = (state: RunState): boolean => !isRunFinal(state)
/** A stop can still be asked for (a run already stopping is on its way out). */
export const canStopRun = (state: RunState): boolean => isRunActive(state) && state !== 'stopping'

export interface RunFailure {
  error: AppErrorPayload
  /** Why the worker died, as the process layer reports it (crashed, oom, killed, ...). */
  reason?: string
  exitCode?: number | null
  signal?: string | null
}

export interface RunInfo {
  runId: string
  sessionId: string
  name: string
  state: RunState
  config: ExperimentConfig
  backend: BackendReport | null
  progress: RunProgress
  startedAt: number | null
  endedAt: number | null
  failure: RunFailure | null
  /** The last evaluation, for lists. */
  lastEval: EvalRecord | null
}

/** Renderer-facing run events (batched, at most about 20 a second a run). */
export interface RunMetricsEvent {
  runId: string
  sessionId: string
  records: StepMetrics[]
}
export interface RunEvalEvent {
  runId: string
  sessionId: string
  record: EvalRecord
}
export interface RunSweepEvent {
  runId: string
  sessionId: string
  record: SweepRecord
}
/** A per-sample state snapshot was written to the session folder; fetch it with sessions:samples. */
export interface RunSamplesEvent {
  runId: string
  sessionId: string
  step: number
}
export interface RunLogEvent {
  runId: string
  level: 'info' | 'warn' | 'error'
  message: string
  time: number
}
