// The study view's charts, as pure option builders: each mode's test accuracy over steps with
// its mean ± std band; the cost of wrong pseudo-labels (accuracy(oracle-mask) − accuracy(none),
// paired by seed) with its interval, beside the none run's confident-wrong count on a second
// axis; the per-class cost as bars.
import type { AblationCost, AblationModeSummary, AblationStudySummary } from '../../../shared/analysis/ablation-summary'
import type { AblationMode } from '../../../shared/config/ablation'
import { chartTheme, PALETTE } from './chart-theme'
import type { ChartText } from './chart-text'
import { bandTooltip } from './comparison-bands-option'
import { formatPoints } from './comparison-text'
import { formatNumber, formatPercent } from './format'

export type ModeLabels = Readonly<Record<AblationMode, string>>
type Option = Record<string, unknown>

/** Colour per mode, the same in every chart of the study. */
export const MODE_COLORS: Readonly<Record<AblationMode, string>> = { none: PALETTE[0], 'oracle-mask': PALETTE[1], 'oracle-correct': PALETTE[2], 'oracle-all': PALETTE[3], noise: PALETTE[5] }
const COST_COLOR = PALETTE[5]
const WRONG_COLOR = PALETTE[4]
const PLACC_COLOR = PALETTE[0]

const points = (v: number, locale: string): string => formatPoints(v, locale)

function frame(dark: boolean): Option {
  const theme = chartTheme(dark)
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    tooltip: { trigger: 'axis', backgroundColor: theme.tooltipBg, textStyle: { color: theme.text, fontSize: 11 } }
  }
}

function stepAxis(dark: boolean, text: ChartText): Option {
  const theme = chartTheme(dark)
  return { type: 'value', min: 'dataMin', max: 'dataMax', name: text.t('ablation.chart.step'), nameLocation: 'middle', nameGap: 22, axisLabel: { color: theme.muted }, axisLine: { lineStyle: { color: theme.axis } }, splitLine: { show: false } }
}

/** A band as a transparent lower edge with its width stacked on it (echarts has no area between two lines). */
function band(id: string, name: string, color: string, lower: [number, number][], width: [number, number][], yAxisIndex = 0): Option[] {
  const edge = { type: 'line', name, color, stack: `band-${id}`, stackStrategy: 'all', symbol: 'none', silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false }, yAxisIndex }
  return [
    { ...edge, id: `${id}:lower`, data: lower },
    { ...edge, id: `${id}:band`, areaStyle: { color, opacity: 0.18 }, data: width }
  ]
}

export function modeBandsOption(modes: readonly AblationModeSummary[], labels: ModeLabels, dark: boolean, text: ChartText): Option {
  const theme = chartTheme(dark)
  const series = modes.flatMap((m) => {
    const name = labels[m.mode]
    const color = MODE_COLORS[m.mode]
    return [
      { type: 'line', id: `${m.mode}:mean`, name, color, symbol: 'circle', symbolSize: 4, lineStyle: { width: 2, type: m.mode === 'none' ? 'solid' : 'dashed' }, data: m.band.map((p) => [p.step, p.mean, p.std, p.n]), z: 3 },
      ...band(m.mode, name, color, m.band.map((p) => [p.step, p.mean - p.std]), m.band.map((p) => [p.step, 2 * p.std]))
    ]
  })
  return {
    ...frame(dark),
    legend: { top: 0, data: modes.map((m) => labels[m.mode]), textStyle: { color: theme.muted, fontSize: 11 } },
    grid: { left: 52, right: 16, top: 40, bottom: 36 },
    tooltip: bandTooltip(dark, text, (step) => text.t('ablation.chart.stepN', { step })),
    xAxis: stepAxis(dark, text),
    yAxis: { type: 'value', scale: true, axisLabel: { color: theme.muted, formatter: (v: number) => formatPercent(v, 0, text.locale) }, splitLine: { lineStyle: { color: theme.grid } } },
    series
  }
}

/** The cost series' name, the count's and the normal run's plAccAll's, for the legend and the e2e. */
export function costLegend(text: ChartText): [string, string, string] {
  return [text.t('ablation.chart.cost'), text.t('ablation.chart.confidentWrong'), text.t('ablation.chart.plAccAll')]
}

/**
 * The cost over steps with its interval, beside what the normal run trained on at each step:
 * its confident-wrong count and its per-batch pseudo-label accuracy (plAccAll, the seed's own
 * figure), so a gap can be read against the wrong labels that made it.
 */
export function costOption(
  cost: AblationCost,
  none: Pick<AblationStudySummary, 'confidentWrong' | 'plAccAll'>,
  dark: boolean,
  text: ChartText
): Option {
  const theme = chartTheme(dark)
  const [costName, wrongName, plAccName] = costLegend(text)
  const withInterval = cost.series.filter((p) => p.low !== null && p.high !== null)
  return {
    ...frame(dark),
    legend: { top: 0, data: [costName, wrongName, plAccName], textStyle: { color: theme.muted, fontSize: 11 } },
    grid: { left: 56, right: 110, top: 40, bottom: 36 },
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.tooltipBg,
      textStyle: { color: theme.text, fontSize: 11 },
      formatter: (params: { seriesId: string; value: number[] }[]) => {
        const rows = params.filter((p) => p.seriesId === 'cost' || p.seriesId === 'wrong' || p.seriesId === 'placc')
        if (rows.length === 0) return ''
        const lines = rows.map((p) => {
          if (p.seriesId === 'wrong') return `${wrongName}: ${formatNumber(p.value[1], text.locale)}`
          if (p.seriesId === 'placc') return `${plAccName}: ${formatPercent(p.value[1], 1, text.locale)}`
          const [, v, low, high] = p.value
          const interval = Number.isFinite(low) ? ` [${points(low, text.locale)}, ${points(high, text.locale)}]` : ''
          return `${costName}: ${points(v, text.locale)}${interval}`
        })
        return [text.t('ablation.chart.stepN', { step: rows[0].value[0] }), ...lines].join('<br/>')
      }
    },
    xAxis: stepAxis(dark, text),
    yAxis: [
      { type: 'value', scale: true, name: text.t('ablation.chart.costAxis'), nameTextStyle: { color: theme.muted, align: 'left' }, axisLabel: { color: theme.muted, formatter: (v: number) => points(v, text.locale) }, splitLine: { lineStyle: { color: theme.grid } } },
      { type: 'value', min: 0, name: text.t('ablation.chart.wrongAxis'), nameTextStyle: { color: theme.muted, align: 'right' }, axisLabel: { color: theme.muted }, splitLine: { show: false } },
      {
        type: 'value',
        min: 0,
        max: 1,
        offset: 50,
        position: 'right',
        name: 'plAccAll',
        nameTextStyle: { color: theme.muted, align: 'left' },
        axisLine: { show: true, lineStyle: { color: PLACC_COLOR } },
        axisLabel: { color: theme.muted, formatter: (v: number) => formatPercent(v, 0, text.locale) },
        splitLine: { show: false }
      }
    ],
    series: [
      {
        type: 'line',
        id: 'cost',
        name: costName,
        color: COST_COLOR,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { width: 2 },
        data: cost.series.map((p) => [p.step, p.cost, p.low ?? Number.NaN, p.high ?? Number.NaN]),
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: theme.axis, type: 'solid' }, data: [{ yAxis: 0 }] },
        z: 3
      },
      ...band('cost', costName, COST_COLOR, withInterval.map((p) => [p.step, p.low as number]), withInterval.map((p) => [p.step, (p.high as number) - (p.low as number)])),
      { type: 'line', id: 'wrong', name: wrongName, color: WRONG_COLOR, yAxisIndex: 1, symbol: 'none', lineStyle: { width: 1, opacity: 0.8 }, areaStyle: { opacity: 0.08 }, data: none.confidentWrong.map((p) => [p.step, p.mean]), z: 2 },
      { type: 'line', id: 'placc', name: plAccName, color: PLACC_COLOR, yAxisIndex: 2, symbol: 'none', lineStyle: { width: 1, opacity: 0.7 }, data: none.plAccAll.map((p) => [p.step, p.mean]), z: 2 }
    ]
  }
}

/** Per class, accuracy(oracle) − accuracy(none) at the end, in points; bars below 0 where the oracle did worse. */
export function perClassOption(perClass: readonly (number | null)[], classNames: readonly string[], dark: boolean, text: ChartText): Option {
  const theme = chartTheme(dark)
  const names = perClass.map((_, c) => classNames[c] ?? String(c))
  return {
    ...frame(dark),
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.tooltipBg,
      textStyle: { color: theme.text, fontSize: 11 },
      formatter: (params: { name: string; value: number }[]) => (params[0] ? `${params[0].name}: ${points(params[0].value, text.locale)}` : '')
    },
    grid: { left: 52, right: 12, top: 12, bottom: 44 },
    xAxis: { type: 'category', data: names, axisLabel: { color: theme.muted, fontSize: 10, interval: 0, rotate: names.length > 10 ? 45 : 0 }, axisLine: { lineStyle: { color: theme.axis } } },
    yAxis: { type: 'value', name: text.t('ablation.chart.costAxis'), nameTextStyle: { color: theme.muted, align: 'left' }, axisLabel: { color: theme.muted, formatter: (v: number) => points(v, text.locale) }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'bar',
        id: 'per-class',
        data: perClass.map((v) => ({ value: v ?? 0, itemStyle: { color: (v ?? 0) >= 0 ? COST_COLOR : PALETTE[0] } }))
      }
    ]
  }
}
