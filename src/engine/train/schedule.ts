// K's get_cosine_schedule_with_warmup: linear warmup to lr0 over W steps, then
// lr0 * max(0, cos(cycles * pi * (k - W) / (K - W))). k counts completed steps (0-based).
// Past K (a run extended beyond its planned length) the rate stays at lr(K).
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import type { LrSchedule } from '../../shared/lr-schedule'

export type ScheduleOptions = LrSchedule

export function learningRate(step: number, o: ScheduleOptions): number {
  if (o.name === 'constant') return o.lr
  const k = Math.min(step, o.totalSteps)
  if (k < o.warmupSteps) return (o.lr * k) / Math.max(1, o.warmupSteps)
  const progress = (k - o.warmupSteps) / Math.max(1, o.totalSteps - o.warmupSteps)
  return o.lr * Math.max(0, Math.cos(Math.PI * o.cosineCycles * progress))
}

export function scheduleFromConfig(config: ExperimentConfig): ScheduleOptions {
  return {
    name: config.schedule.name,
    lr: config.optimizer.lr,
    totalSteps: config.steps,
    warmupSteps: config.schedule.warmupSteps,
    cosineCycles: config.schedule.cosineCycles
  }
}
