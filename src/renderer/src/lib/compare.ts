// Overlaying one metric from several sessions: the metrics a user can pick and the line
// each session contributes.
import type { EvalRecord, StepMetrics } from '../../../shared/metrics'

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
] as const
export type CompareMetric = (typeof COMPARE_METRICS)[number]['id']

export interface CompareSource {
  name: string
  metrics: readonly StepMetrics[]
  evals: readonly EvalRecord[]
}

/** x = step, y = the metric (NaN where missing), one line per session. */
export function compareLines(sources: readonly CompareSource[], metric: CompareMetric): { name: string; x: Float64Array; y: Float64Array }[] {
  const spec = COMPARE_METRICS.find((m) => m.id === metric)!
  return sources.map((s) => {
    const rows: readonly (StepMetrics | EvalRecord)[] = spec.source === 'steps' ? s.metrics : s.evals
    const x = new Float64Array(rows.length)
    const y = new Float64Array(rows.length)
    rows.forEach((r, i) => {
      x[i] = r.step
      const v = (r as unknown as Record<string, unknown>)[metric]
      y[i] = typeof v === 'number' ? v : Number.NaN
    })
    return { name: s.name, x, y }
  })
}
