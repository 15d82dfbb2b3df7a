// Options for the non-time-series charts: class histograms, the confusion matrix, per-class
// precision and recall, the threshold sweep and the reliability diagram.
import type { ReliabilityBins } from '../../../shared/metrics'
import { chartTheme, PALETTE } from './chart-theme'
import type { ChartText } from './chart-text'
import { formatCount, formatPercent } from './format'

type Option = Record<string, unknown>

/** For HTML tooltips; not echarts' own helper, so the Datasets view's histogram does not load echarts. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const encodeHTML = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])

function axes(dark: boolean): { axisLabel: Option; axisLine: Option; splitLine: Option } {
  const t = chartTheme(dark)
  return {
    axisLabel: { color: t.muted, fontSize: 10 },
    axisLine: { lineStyle: { color: t.axis } },
    splitLine: { lineStyle: { color: t.grid } }
  }
}

function base(dark: boolean): Option {
  const t = chartTheme(dark)
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: t.text },
    tooltip: { trigger: 'axis', backgroundColor: t.tooltipBg, borderColor: t.axis, textStyle: { color: t.text, fontSize: 12 } }
  }
}

const pct = (locale: string) => (v: number): string => formatPercent(v, 0, locale)

/** Bars per class; with dualAxis the first series gets its own (left) axis, e.g. 10 labeled vs 800 unlabeled. */
export function histogramOption(
  classNames: readonly string[],
  series: { name: string; counts: readonly number[] }[],
  dark: boolean,
  dualAxis = false
): Option {
  const a = axes(dark)
  const yAxis = dualAxis
    ? series.slice(0, 2).map((_, i) => ({
        type: 'value',
        ...a,
        axisLabel: { ...a.axisLabel, color: PALETTE[i] },
        splitLine: i === 0 ? a.splitLine : { show: false }
      }))
    : { type: 'value', ...a }
  return {
    ...base(dark),
    legend: { top: 0, right: 0, textStyle: { color: chartTheme(dark).muted, fontSize: 11 } },
    grid: { left: 48, right: dualAxis ? 48 : 8, top: 28, bottom: 36 },
    xAxis: { type: 'category', data: classNames, ...a, axisLabel: { ...a.axisLabel, interval: classNames.length > 20 ? 'auto' : 0 } },
    yAxis,
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: [...s.counts],
      yAxisIndex: dualAxis ? Math.min(i, 1) : 0,
      itemStyle: { color: PALETTE[i] },
      barMaxWidth: 24
    }))
  }
}

/** confusion[true][pseudo]; the heatmap shows rows normalised so each true class sums to 1. */
export function confusionOption(confusion: readonly (readonly number[])[], classNames: readonly string[], dark: boolean, text: ChartText): Option {
  const n = confusion.length
  const data: [number, number, number, number][] = []
  for (let t = 0; t < n; t++) {
    const row = confusion[t].reduce((s, v) => s + v, 0)
    for (let p = 0; p < n; p++) data.push([p, t, row > 0 ? confusion[t][p] / row : 0, confusion[t][p]])
  }
  const a = axes(dark)
  const t = chartTheme(dark)
  return {
    ...base(dark),
    tooltip: {
      trigger: 'item',
      backgroundColor: t.tooltipBg,
      borderColor: t.axis,
      textStyle: { color: t.text, fontSize: 12 },
      // HTML: class names come from imported archives and may carry markup.
      formatter: (p: { value: [number, number, number, number] }) =>
        text.t('charts.analysis.confusionTooltip', {
          truth: encodeHTML(classNames[p.value[1]]),
          pseudo: encodeHTML(classNames[p.value[0]]),
          br: '<br/>',
          count: formatCount(p.value[3], text.locale),
          share: pct(text.locale)(p.value[2])
        })
    },
    grid: { left: 56, right: 12, top: 8, bottom: 44 },
    xAxis: { type: 'category', name: text.t('charts.axis.pseudoLabel'), nameLocation: 'middle', nameGap: 28, data: classNames, ...a, splitArea: { show: false } },
    yAxis: { type: 'category', name: text.t('charts.axis.truth'), nameLocation: 'middle', nameGap: 40, data: classNames, inverse: true, ...a },
    visualMap: {
      min: 0,
      max: 1,
      show: false,
      dimension: 2,
      inRange: { color: dark ? ['#15181e', '#1f4f8f', '#6aa1ff'] : ['#ffffff', '#9ec1f5', '#0b4fb3'] }
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: n <= 12, fontSize: 10, color: t.text, formatter: (p: { value: number[] }) => (p.value[3] > 0 ? String(p.value[3]) : '') },
        emphasis: { itemStyle: { borderColor: t.text, borderWidth: 1 } }
      }
    ]
  }
}

export function precisionRecallOption(
  classNames: readonly string[],
  precision: readonly (number | null)[],
  recall: readonly (number | null)[],
  dark: boolean,
  text: ChartText
): Option {
  const a = axes(dark)
  return {
    ...base(dark),
    legend: { top: 0, right: 0, textStyle: { color: chartTheme(dark).muted, fontSize: 11 } },
    grid: { left: 40, right: 8, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: classNames, ...a },
    yAxis: { type: 'value', min: 0, max: 1, ...a, axisLabel: { ...a.axisLabel, formatter: pct(text.locale) } },
    series: [
      { type: 'bar', name: text.t('charts.analysis.precision'), data: [...precision], itemStyle: { color: PALETTE[0] }, barMaxWidth: 14 },
      { type: 'bar', name: text.t('charts.analysis.recall'), data: [...recall], itemStyle: { color: PALETTE[1] }, barMaxWidth: 14 }
    ]
  }
}

export function thresholdSweepOption(
  thresholds: readonly number[],
  maskRate: readonly number[],
  maskedAcc: readonly (number | null)[],
  current: number,
  dark: boolean,
  text: ChartText
): Option {
  const a = axes(dark)
  const t = chartTheme(dark)
  return {
    ...base(dark),
    legend: { top: 0, right: 0, textStyle: { color: t.muted, fontSize: 11 } },
    grid: { left: 40, right: 12, top: 40, bottom: 32 },
    xAxis: { type: 'value', name: text.t('charts.axis.threshold'), nameLocation: 'middle', nameGap: 20, min: thresholds[0] ?? 0.5, max: thresholds[thresholds.length - 1] ?? 1, ...a },
    yAxis: { type: 'value', min: 0, max: 1, ...a, axisLabel: { ...a.axisLabel, formatter: pct(text.locale) } },
    series: [
      {
        type: 'line',
        name: text.t('charts.analysis.maskRate'),
        data: thresholds.map((x, i) => [x, maskRate[i]]),
        itemStyle: { color: PALETTE[0] },
        showSymbol: false,
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: `τ = ${current}`, color: t.muted, position: 'end' },
          lineStyle: { color: t.muted, type: 'dashed' },
          data: [{ xAxis: current }]
        }
      },
      { type: 'line', name: text.t('charts.analysis.maskedAcc'), data: thresholds.map((x, i) => [x, maskedAcc[i]]), itemStyle: { color: PALETTE[2] }, showSymbol: false }
    ]
  }
}

export function reliabilityOption(bins: ReliabilityBins, ece: number, dark: boolean, text: ChartText): Option {
  const n = bins.count.length
  const a = axes(dark)
  const t = chartTheme(dark)
  const centers = bins.count.map((_, i) => (i + 0.5) / n)
  return {
    ...base(dark),
    title: { text: text.t('charts.analysis.ece', { value: formatPercent(ece, 2, text.locale) }), right: 8, top: 0, textStyle: { color: t.muted, fontSize: 11, fontWeight: 'normal' } },
    grid: { left: 40, right: 12, top: 24, bottom: 32 },
    xAxis: { type: 'value', name: text.t('charts.axis.confidence'), nameLocation: 'middle', nameGap: 20, min: 0, max: 1, ...a },
    yAxis: { type: 'value', min: 0, max: 1, ...a, axisLabel: { ...a.axisLabel, formatter: pct(text.locale) } },
    series: [
      {
        type: 'bar',
        name: text.t('charts.analysis.accuracy'),
        data: centers.map((c, i) => [c, bins.accuracy[i]]),
        barWidth: `${Math.floor(80 / n)}%`,
        itemStyle: { color: PALETTE[0] }
      },
      {
        type: 'line',
        name: text.t('charts.analysis.perfect'),
        data: [
          [0, 0],
          [1, 1]
        ],
        showSymbol: false,
        lineStyle: { color: t.muted, type: 'dashed' },
        silent: true
      }
    ]
  }
}
