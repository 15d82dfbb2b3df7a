// Overlaying one metric from several sessions: the metrics a user can pick and the line
// each session contributes.
import type { EvalRecord, StepMetrics } from '../../../shared/metrics'

/** Ties each id to a field of its source's record, so a renamed field fails to compile here. */
type CompareSpec = ({ source: 'steps'; id: keyof StepMetrics } | { source: 'evals'; id: keyof EvalRecord }) & { readonly [extra: string]: unknown }

export const COMPARE_METRICS = [
  { id: 'plAccAll', label: 'Pseudo-label accuracy (all)', source: 'steps', percent: true },
  { id: 'plAccMasked', label: 'Pseudo-label accuracy (masked)', source: 'steps', percent: true },
  { id: 'maskRate', label: 'Mask rate', source: 'steps', percent: true },
  { id: 'confidentWrong', label: 'Confident-wrong', source: 'steps', percent: false },
  { id: 'lossX', label: 'Lx', source: 'steps', percent: false },
  { id: 'lossU', label: 'Lu', source: 'steps', percent: false },
  { id: 'lr', label: 'Learning rate', source: 'steps', percent: false },
  { id: 'testAcc', label: 'Test accuracy (raw)', source: 'evals', percent: true },
  { id: 'emaTestAcc', label: 'Test accuracy (EMA)', source: 'evals', percent: true }
] as const satisfies readonly CompareSpec[]
export type CompareMetric = (typeof COMPARE_METRICS)[number]['id']

export interface CompareSource {
  name: string
  metrics: readonly StepMetrics[]
  evals: readonly EvalRecord[]
}

/**
 * Names the legend can tell apart: a chart merges series of one name (a duplicated session
 * keeps its original's name until renamed), so repeats get " (2)", " (3)"...
 */
export function distinctNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  const taken = new Set(names)
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    if (count === 1) return name
    let k = count
    while (taken.has(`${name} (${k})`)) k++
    const unique = `${name} (${k})`
    taken.add(unique)
    return unique
  })
}

/** x = step, y = the metric (NaN where missing), one line per session, each named apart. */
export function compareLines(sources: readonly CompareSource[], metric: CompareMetric): { name: string; x: Float64Array; y: Float64Array }[] {
  const spec = COMPARE_METRICS.find((m) => m.id === metric)!
  const names = distinctNames(sources.map((s) => s.name))
  return sources.map((s, i) => {
    const rows: readonly (StepMetrics | EvalRecord)[] = spec.source === 'steps' ? s.metrics : s.evals
    const x = new Float64Array(rows.length)
    const y = new Float64Array(rows.length)
    rows.forEach((r, i) => {
      x[i] = r.step
      const v = (r as unknown as Record<string, unknown>)[metric]
      y[i] = typeof v === 'number' ? v : Number.NaN
    })
    return { name: names[i], x, y }
  })
}
