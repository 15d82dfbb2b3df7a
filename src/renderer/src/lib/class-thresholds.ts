// Per-class thresholds over time (FlexMatch's curriculum, FreeMatch's self-adaptive local
// thresholds), from the thresholds each step recorded: one line per class.
import type { StepMetrics } from '../../../shared/metrics'

export interface ThresholdLine {
  name: string
  x: Float64Array
  y: Float64Array
}

/** Whether any step recorded per-class thresholds (algorithms without them record none). */
export function hasClassThresholds(metrics: readonly Pick<StepMetrics, 'classThresholds'>[]): boolean {
  return metrics.some((m) => m.classThresholds !== undefined)
}

/** One line per class; steps without thresholds (older records) are gaps (NaN). */
export function classThresholdLines(metrics: readonly Pick<StepMetrics, 'step' | 'classThresholds'>[], classNames: readonly string[]): ThresholdLine[] {
  const count = Math.max(classNames.length, ...metrics.map((m) => m.classThresholds?.length ?? 0))
  const x = Float64Array.from(metrics, (m) => m.step)
  return Array.from({ length: count }, (_, c) => ({
    name: classNames[c] ?? String(c),
    x,
    y: Float64Array.from(metrics, (m) => m.classThresholds?.[c] ?? Number.NaN)
  }))
}
