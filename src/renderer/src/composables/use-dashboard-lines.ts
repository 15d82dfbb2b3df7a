// The dashboard's chart lines from the session store, recomputed at most 4 times a second
// (once a second past 100,000 records).
import { computed, type ComputedRef } from 'vue'
import { t } from '../i18n'
import type { AxisSpec } from '../lib/line-chart-option'
import { DASHBOARD_CHARTS, relativeSeconds, type DashboardChart } from '../lib/dashboard-charts'
import type { ChartLine } from '../lib/line-chart-option'
import { PALETTE } from '../lib/chart-theme'
import { chartPrefs } from '../stores/browser-state'
import { evals, session, sessionWeighted, steps } from '../stores/session-store'
import { useThrottled } from './use-throttled'

export interface DashboardChartView {
  chart: DashboardChart
  title: string
  yAxes: [AxisSpec] | [AxisSpec, AxisSpec]
  lines: ChartLine[]
}

export function useDashboardLines(): ComputedRef<DashboardChartView[]> {
  // Each redraw downsamples every series in full: long runs redraw less often.
  const tick = useThrottled(() => session.version, () => (steps.length > 100_000 ? 1000 : 250))
  return computed(() => {
    void tick.value
    const time = chartPrefs.xAxis === 'time'
    const t0 = steps.length > 0 ? steps.column('time')[0] : evals.length > 0 ? evals.column('time')[0] : 0
    const stepX = time ? relativeSeconds(steps.column('time'), t0) : steps.column('step')
    const evalX = time ? relativeSeconds(evals.column('time'), t0) : evals.column('step')
    return DASHBOARD_CHARTS.map((chart) => ({
      chart,
      title: t(`charts.dashboard.${chart.id}`),
      yAxes: chart.yAxes.map((a) => ({ ...a, name: t(`charts.axis.${a.name}`) })) as DashboardChartView['yAxes'],
      lines: chart.lines.map((line, i) => ({
        name: line.name === 'maskRate' && sessionWeighted.value ? t('algorithms.meanWeight') : t(`charts.line.${line.name}`),
        x: line.from.source === 'steps' ? stepX : evalX,
        y: line.from.source === 'steps' ? steps.column(line.from.key) : evals.column(line.from.key),
        color: PALETTE[i],
        yAxisIndex: line.axis,
        showPoints: line.from.source === 'evals'
      }))
    }))
  })
}
