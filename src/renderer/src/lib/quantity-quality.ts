// The quantity-quality plot of an algorithm comparison: for each run and window of steps,
// the fraction of unlabeled pseudo-labels the rule used (mask rate, SoftMatch's mean weight)
// against the accuracy of what it used (weighted by what each step used). One path per run,
// from early (small points) to late (large points).
import type { StepMetrics } from '../../../shared/metrics'
import { chartTheme, PALETTE } from './chart-theme'
import type { ChartText } from './chart-text'
import { formatPercent } from './format'

export interface QualityPoint {
  /** Last step of the window. */
  step: number
  /** Mean share used over the window's steps. */
  used: number
  /** Accuracy of the used pseudo-labels; null when the window used none. */
  accuracy: number | null
}

/** Windows of `window` steps in step order (a last, shorter one included). */
export function quantityQuality(metrics: readonly Pick<StepMetrics, 'step' | 'maskRate' | 'plAccMasked' | 'unlabeledBatch'>[], window: number): QualityPoint[] {
  if (!(window >= 1)) throw new RangeError(`window must be at least 1 step, got ${window}`)
  const out: QualityPoint[] = []
  for (let start = 0; start < metrics.length; start += window) {
    const rows = metrics.slice(start, start + window)
    let share = 0
    let used = 0
    let right = 0
    for (const r of rows) {
      const u = r.maskRate * r.unlabeledBatch
      share += r.maskRate / rows.length
      used += u
      right += (r.plAccMasked ?? 0) * u
    }
    out.push({ step: rows[rows.length - 1].step, used: share, accuracy: used > 0 ? right / used : null })
  }
  return out
}

/** About `points` windows over the longest run. */
export function qualityWindow(longest: number, points = 12): number {
  return Math.max(1, Math.ceil(longest / points))
}

export interface QualityRun {
  name: string
  points: QualityPoint[]
}

export function quantityQualityOption(runs: readonly QualityRun[], dark: boolean, text: ChartText): Record<string, unknown> {
  const t = chartTheme(dark)
  const axis = { axisLabel: { color: t.muted, fontSize: 10, formatter: (v: number) => formatPercent(v, 0, text.locale) }, axisLine: { lineStyle: { color: t.axis } }, splitLine: { lineStyle: { color: t.grid } } }
  const lastStep = Math.max(1, ...runs.flatMap((r) => r.points.map((p) => p.step)))
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: t.text },
    legend: { top: 0, textStyle: { color: t.muted, fontSize: 11 } },
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    tooltip: {
      trigger: 'item',
      backgroundColor: t.tooltipBg,
      borderColor: t.axis,
      textStyle: { color: t.text, fontSize: 12 },
      formatter: (p: { seriesName: string; value: [number, number, number] }) =>
        text.t('algorithms.qq.tooltip', {
          name: p.seriesName,
          step: p.value[2],
          used: formatPercent(p.value[0], 1, text.locale),
          accuracy: formatPercent(p.value[1], 1, text.locale)
        })
    },
    xAxis: { type: 'value', min: 0, max: 1, name: text.t('algorithms.qq.used'), nameLocation: 'middle', nameGap: 24, ...axis },
    yAxis: { type: 'value', max: 1, scale: true, name: text.t('algorithms.qq.accuracy'), nameLocation: 'middle', nameGap: 36, ...axis },
    series: runs.map((run, i) => ({
      type: 'line',
      name: run.name,
      color: PALETTE[i % PALETTE.length],
      // Windows that used nothing have no accuracy: a gap, not a point at 0.
      data: run.points.filter((p) => p.accuracy !== null).map((p) => [p.used, p.accuracy, p.step]),
      symbolSize: (value: [number, number, number]) => 4 + 8 * (value[2] / lastStep),
      lineStyle: { width: 1.5, opacity: 0.7 }
    }))
  }
}
