// How many threads a training process uses on wasm: a setting ('auto' or a count), resolved
// where the process starts (main for the app's workers, the sweep CLI for its runners). On the
// wasm kernels threads never change the numbers (each output is computed by one thread), only
// the speed. oneDNN's convolutions may split a filter gradient's sum over their threads,
// depending on the CPU's instruction set, which moves the last bits
// (test/integration/training-threads.test.ts holds both).
import { z } from 'zod'

/** tfjs-backend-wasm's threaded build pre-creates 8 workers and caps its pool there. */
export const MAX_TRAINING_THREADS = 8
/** The environment variable a training process reads its thread count from. */
export const TRAINING_THREADS_ENV = 'PSEUDOSCOPE_WASM_THREADS'
/** Set to off (or 0) to run the wasm backend's convolutions on its wasm kernels, not oneDNN's. */
export const ONEDNN_ENV = 'PSEUDOSCOPE_ONEDNN'

export const TrainingThreadsSchema = z.union([z.literal('auto'), z.number().int().min(1).max(MAX_TRAINING_THREADS)])
export type TrainingThreads = z.infer<typeof TrainingThreadsSchema>

/**
 * The count one run gets. 'auto' shares the cores between the runs that may train at once,
 * at least one each; a number is taken as it is.
 */
export function resolveTrainingThreads(choice: TrainingThreads, cores: number, concurrentRuns: number): number {
  const wanted = choice === 'auto' ? Math.floor(cores / Math.max(1, concurrentRuns)) : choice
  return Math.max(1, Math.min(MAX_TRAINING_THREADS, wanted))
}

/**
 * The environment a training process starts with for `choice`: the count, or nothing when
 * 'auto' meets a count already in hostEnv (PSEUDOSCOPE_WASM_THREADS=N given at launch wins).
 */
export function trainingThreadsEnv(choice: TrainingThreads, cores: number, concurrentRuns: number, hostEnv: Record<string, string | undefined>): Record<string, string> {
  if (choice === 'auto' && hostEnv[TRAINING_THREADS_ENV]) return {}
  return { [TRAINING_THREADS_ENV]: String(resolveTrainingThreads(choice, cores, concurrentRuns)) }
}
