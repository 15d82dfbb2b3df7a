// Messages between the run manager (main) and a training worker (utility process or
// Node child). Tagged unions; every switch over them is exhaustive.
import type { BackendReport } from './backends'
import type { ExperimentConfig } from './config/experiment-config'
import type { AppErrorPayload } from './errors'
import type { EvalRecord, RunProgress, StepMetrics, SweepRecord } from './metrics'

export type WorkerCommand =
  | {
      type: 'start'
      runId: string
      config: ExperimentConfig
      /** Session folder to write (created by the caller, or existing when resuming). */
      sessionDir: string
      /** Continue from the session's checkpoint as a new segment. */
      resume: boolean
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Checkpoint, then exit. 'quit' is the app closing. */
  | { type: 'stop'; reason: 'user' | 'quit' }
  | { type: 'sweep-now' }

export type WorkerEvent =
  | { type: 'ready'; pid: number }
  | { type: 'started'; backend: BackendReport; startStep: number; segment: number; numUnlabeled: number }
  | { type: 'progress'; progress: RunProgress }
  /** Every step's record; the worker has already appended them to metrics.jsonl. */
  | { type: 'metrics'; records: StepMetrics[] }
  | { type: 'eval'; record: EvalRecord }
  | { type: 'sweep'; record: SweepRecord }
  /** A per-sample snapshot was written under the session folder. */
  | { type: 'samples'; step: number }
  | { type: 'checkpoint'; step: number }
  | { type: 'paused'; step: number }
  | { type: 'resumed'; step: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'done'; status: 'finished' | 'stopped'; step: number }
  | { type: 'error'; error: AppErrorPayload }

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`)
}
