// The session folder (DESIGN.md section 6), readable without the app:
//   session.json                 manifest (SessionManifest)
//   metrics.jsonl                one StepMetrics per step
//   evals.jsonl, sweeps.jsonl    EvalRecord and SweepRecord lines
//   ui.json                      the renderer's view state
//   samples/<step>/<field>.npy   per-sample state snapshots (numpy.load reads them)
//   sweeps/<step>/<model>/pseudoLabel.npy, confidence.npy   per-sample results of a full sweep
//   checkpoint/                  model, optimizer, EMA and RNG state (written by the trainer)
//   session.lock                 present while a run writes the folder (session-lock.ts)
import { join } from 'node:path'
import type { SampleStateField } from '../../shared/metrics'
import type { NpyDtype } from './npy'

export const MANIFEST_FILE = 'session.json'
export const METRICS_FILE = 'metrics.jsonl'
export const EVALS_FILE = 'evals.jsonl'
export const SWEEPS_FILE = 'sweeps.jsonl'
export const UI_FILE = 'ui.json'
export const SAMPLES_DIR = 'samples'
export const SWEEPS_DIR = 'sweeps'
export const CHECKPOINT_DIR = 'checkpoint'
export const LOCK_FILE = 'session.lock'
export const LOG_FILES = [METRICS_FILE, EVALS_FILE, SWEEPS_FILE] as const

export const sessionPaths = (dir: string) => ({
  manifest: join(dir, MANIFEST_FILE),
  metrics: join(dir, METRICS_FILE),
  evals: join(dir, EVALS_FILE),
  sweeps: join(dir, SWEEPS_FILE),
  ui: join(dir, UI_FILE),
  samples: join(dir, SAMPLES_DIR),
  checkpoint: join(dir, CHECKPOINT_DIR)
})

export const sampleSnapshotDir = (dir: string, step: number): string => join(dir, SAMPLES_DIR, String(step))
export const sweepStepDir = (dir: string, step: number): string => join(dir, SWEEPS_DIR, String(step))
export const sweepArraysDir = (dir: string, step: number, model: 'raw' | 'ema'): string => join(sweepStepDir(dir, step), model)
export const SWEEP_ARRAY_FILES = { pseudoLabel: 'pseudoLabel.npy', confidence: 'confidence.npy' } as const
export const sampleFieldFile = (field: SampleStateField): string => `${field}.npy`

/** The dtype each per-sample field is stored as (SampleState's typed arrays). */
export const SAMPLE_FIELD_DTYPES: Record<SampleStateField, NpyDtype> = {
  datasetIndex: 'int32',
  trueLabel: 'int16',
  pseudoLabel: 'int16',
  confidence: 'float32',
  lastStep: 'int32',
  timesSeen: 'int32',
  timesMasked: 'int32',
  timesMaskedWrong: 'int32',
  flips: 'int32'
}
