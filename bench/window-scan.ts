// Every window of a run, not a few chosen steps: for a per-step figure, Welch's t between the
// engine's and the twin's seeds on each disjoint window of steps. With n windows about n/20
// differ at p < 0.05 by chance alone; more than that, or one direction throughout, is a real
// difference. What a differing cell in the parity table is judged against.
import { sampleStats, welchT } from '../src/shared/analysis/welch-t'

/** One side's figure per step (step -> value), one map per seed. */
export type StepSeries = ReadonlyMap<number, number>

export interface WindowDifference {
  /** Last step of the window. */
  step: number
  engine: number
  twin: number
  p: number
}

export interface WindowScan {
  windows: number
  alpha: number
  /** Windows whose means differ at p < alpha, in step order. */
  differing: WindowDifference[]
  /** Of those, how many have the engine's mean below the twin's. */
  engineLower: number
}

/** The mean of the steps from..to a series holds; null when it holds none. */
export const windowMean = (series: StepSeries, from: number, to: number): number | null => {
  let sum = 0
  let n = 0
  for (let s = from; s <= to; s++) {
    const v = series.get(s)
    if (v !== undefined) {
      sum += v
      n++
    }
  }
  return n > 0 ? sum / n : null
}

/** Windows [1, w], [w + 1, 2w], ... up to `steps`; a window missing on a seed leaves that seed out. */
export function scanWindows(engine: readonly StepSeries[], twin: readonly StepSeries[], steps: number, window: number, alpha = 0.05): WindowScan {
  const differing: WindowDifference[] = []
  let windows = 0
  for (let to = window; to <= steps; to += window) {
    const means = (side: readonly StepSeries[]): number[] => side.map((s) => windowMean(s, to - window + 1, to)).filter((v): v is number => v !== null)
    const e = means(engine)
    const t = means(twin)
    const w = welchT(e, t)
    if (!w) continue
    windows++
    if (w.p < alpha) differing.push({ step: to, engine: sampleStats(e).mean, twin: sampleStats(t).mean, p: w.p })
  }
  return { windows, alpha, differing, engineLower: differing.filter((d) => d.engine < d.twin).length }
}
