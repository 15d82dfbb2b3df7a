// Overlaid curves of a sweep's runs: one line per run, coloured by its grid point, so the
// seeds of one point read as one bundle.
import type { SweepDetail } from '../../../shared/sweep-view'
import { summarizeGrid } from '../../../shared/sweep-results'
import type { ChartLine } from './line-chart-option'

export type SweepCurveMetric = 'testAcc' | 'plAccAll' | 'maskRate'

export function sweepCurveLines(detail: SweepDetail, metric: SweepCurveMetric, palette: readonly string[]): ChartLine[] {
  const points = summarizeGrid(detail.manifest.runs.map((r) => ({ index: r.index, values: r.values, result: detail.results[r.index] ?? null })))
  const colorOf = new Map<number, string>()
  points.forEach((p, i) => p.runIndices.forEach((index) => colorOf.set(index, palette[i % palette.length])))
  const lines: ChartLine[] = []
  for (const run of detail.manifest.runs) {
    const curve = detail.curves[run.index]?.[metric]
    if (!curve || curve.length === 0) continue
    lines.push({
      name: run.name,
      x: Float64Array.from(curve, ([step]) => step),
      y: Float64Array.from(curve, ([, v]) => v),
      color: colorOf.get(run.index),
      showPoints: metric === 'testAcc'
    })
  }
  return lines
}
