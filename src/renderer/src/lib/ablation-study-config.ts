// The config a "What do wrong pseudo-labels cost?" study runs from the experiment form's: as
// is, but for the FixMatch CIFAR-10 paper preset, which offers the study over its first epoch
// (1,024 steps) measured often enough to draw, checkpointed often enough to resume overnight.
import type { ExperimentConfig } from '../../../shared/config/experiment-config'

/** Presets whose full run is far too long for a study, and the steps of the study they offer. */
export const STUDY_STEPS: Readonly<Record<string, number>> = { 'fixmatch-paper-cifar10-4000': 1024 }

export function ablationStudyConfig(config: ExperimentConfig, presetId: string): ExperimentConfig {
  const steps = STUDY_STEPS[presetId]
  if (steps === undefined || config.steps <= steps) return config
  return {
    ...config,
    steps,
    // The paper's cosine spans 2^20 steps; over its first 1,024 the lr stays 0.03 to 1e-5 of it,
    // while a cosine over 1,024 steps would fall to 0.006. Constant is the paper's first epoch.
    schedule: config.schedule.name === 'cosine' ? { ...config.schedule, name: 'constant' } : config.schedule,
    evalInterval: Math.min(config.evalInterval, 64),
    sweepInterval: steps,
    checkpointInterval: Math.min(config.checkpointInterval || 64, 64)
  }
}
