// The thread count a training worker gets, from Settings: the one place main turns
// trainingThreads into the variable the worker's wasm backend reads.
import { resolveTrainingThreads, TRAINING_THREADS_ENV } from '../../shared/training-threads'
import type { Settings } from '../../shared/settings'

export function workerThreadsEnv(
  settings: Pick<Settings, 'trainingThreads' | 'maxConcurrentRuns'>,
  cores: number,
  hostEnv: Record<string, string | undefined> = process.env
): Record<string, string> {
  // A count given when the app was launched (PSEUDOSCOPE_WASM_THREADS=N) wins over 'auto'.
  if (settings.trainingThreads === 'auto' && hostEnv[TRAINING_THREADS_ENV]) return {}
  return { [TRAINING_THREADS_ENV]: String(resolveTrainingThreads(settings.trainingThreads, cores, settings.maxConcurrentRuns)) }
}
