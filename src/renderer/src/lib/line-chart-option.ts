// The option for every time-series chart: raw lines kept faint under their smoothed
// version, min-max downsampled over the visible window, zoomable, with an axis tooltip.
import { minMaxDownsample, windowIndices } from './downsample'
import { emaSmooth, SmoothingCache } from './smoothing'
import { chartTheme, PALETTE } from './chart-theme'
import type { ChartText } from './chart-text'
import { formatCount, formatDuration, formatNumber, formatPercent, formatSeconds } from './format'

export type XMode = 'step' | 'time'

export interface ChartLine {
  name: string
  x: ArrayLike<number>
  y: ArrayLike<number>
  color?: string
  /** 1: the right-hand axis. */
  yAxisIndex?: 0 | 1
  /** Sparse series (evaluations) draw their points. */
  showPoints?: boolean
  /** The smoothed y, precomputed (withSmoothing) so zooming does not redo it. */
  smoothed?: ArrayLike<number>
}

export interface AxisSpec {
  name: string
  percent?: boolean
  min?: number
  max?: number
}

export interface LineChartSpec {
  lines: ChartLine[]
  xMode: XMode
  smoothing: number
  /** Visible x range, null = everything. */
  window: [number, number] | null
  /** Buckets per series for the visible window (about the chart's width in pixels). */
  buckets: number
  dark: boolean
  yAxes: [AxisSpec] | [AxisSpec, AxisSpec]
  text: ChartText
}

type Point = [number, number | null]

function toPoints(x: Float64Array, y: Float64Array): Point[] {
  const out: Point[] = new Array(x.length)
  for (let i = 0; i < x.length; i++) out[i] = [x[i], Number.isFinite(y[i]) ? y[i] : null]
  return out
}

/** The downsampled [x, y] points of one line over the window. */
export function linePoints(line: Pick<ChartLine, 'x' | 'y'>, window: [number, number] | null, buckets: number): Point[] {
  const [lo, hi] = window ? windowIndices(line.x, window[0], window[1]) : [0, line.x.length]
  // One point either side keeps the line running to the window's edges.
  const a = Math.max(0, lo - 1)
  const b = Math.min(line.x.length, hi + 1)
  const ds = minMaxDownsample(line.x, line.y, buckets, a, b)
  return toPoints(ds.x, ds.y)
}

export function xExtent(lines: readonly ChartLine[]): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const l of lines) {
    if (l.x.length === 0) continue
    lo = Math.min(lo, l.x[0])
    hi = Math.max(hi, l.x[l.x.length - 1])
  }
  return lo <= hi ? [lo, hi] : null
}

/**
 * Lines with their smoothed values attached, so zooming does not smooth again; with a cache,
 * a growing live series only smooths its new points.
 */
export function withSmoothing(lines: readonly ChartLine[], weight: number, cache?: SmoothingCache): ChartLine[] {
  return lines.map((line) => {
    if (!(weight > 0) || line.showPoints) return line
    return { ...line, smoothed: cache ? cache.smooth(line.name, line.y, weight) : emaSmooth(line.y, weight) }
  })
}

/** A one-point extent gets room either side so the axis and the point show. */
export function padExtent(extent: [number, number] | null): [number, number] | null {
  if (!extent) return null
  return extent[0] === extent[1] ? [extent[0] - 1, extent[1] + 1] : extent
}

export function formatX(value: number, mode: XMode, locale = 'en'): string {
  if (mode === 'step') return formatCount(Math.round(value), locale)
  // Under a minute keep a decimal, so the axis end (e.g. 10.3 s) does not repeat a tick's label.
  return Math.abs(value) < 60 ? formatSeconds(value, locale) : formatDuration(value, locale)
}

export function buildLineOption(spec: LineChartSpec): Record<string, unknown> {
  const theme = chartTheme(spec.dark)
  const { t, locale } = spec.text
  const series: Record<string, unknown>[] = []
  spec.lines.forEach((line, i) => {
    const color = line.color ?? PALETTE[i % PALETTE.length]
    const smooth = spec.smoothing > 0 && !line.showPoints
    // Few points draw their symbols, or a single record would be invisible.
    const showSymbol = !!line.showPoints || line.x.length < 40
    const common = { type: 'line', yAxisIndex: line.yAxisIndex ?? 0, showSymbol, symbolSize: 5, animation: false }
    if (smooth) {
      series.push({
        ...common,
        name: t('charts.raw', { name: line.name }),
        data: linePoints(line, spec.window, spec.buckets),
        lineStyle: { color, width: 1, opacity: 0.25 },
        itemStyle: { color, opacity: 0.25 },
        emphasis: { disabled: true },
        z: 1
      })
    }
    const y = smooth ? (line.smoothed ?? emaSmooth(line.y, spec.smoothing)) : line.y
    series.push({
      ...common,
      name: line.name,
      data: linePoints({ x: line.x, y }, spec.window, spec.buckets),
      lineStyle: { color, width: 1.6 },
      itemStyle: { color },
      z: 2
    })
  })
  const yAxis = spec.yAxes.map((a) => ({
    type: 'value',
    name: a.name,
    min: a.min,
    max: a.max,
    scale: a.min === undefined,
    nameTextStyle: { color: theme.muted, align: 'left' },
    axisLabel: { color: theme.muted, formatter: (v: number) => (a.percent ? formatPercent(v, 0, locale) : formatNumber(v, locale)) },
    splitLine: { lineStyle: { color: theme.grid } },
    axisLine: { lineStyle: { color: theme.axis } }
  }))
  const extent = padExtent(xExtent(spec.lines))
  const zoom = spec.window ?? extent
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    grid: { left: 48, right: spec.yAxes.length > 1 ? 48 : 16, top: 28, bottom: 52 },
    legend: {
      top: 0,
      right: 8,
      // Many lines (a comparison of seven) scroll on one row instead of wrapping over the axis name.
      ...(spec.lines.length > 3 ? { type: 'scroll', left: 200 } : {}),
      textStyle: { color: theme.muted, fontSize: 11 },
      data: spec.lines.map((l) => l.name),
      itemHeight: 8
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.tooltipBg,
      borderColor: theme.axis,
      textStyle: { color: theme.text, fontSize: 12 },
      axisPointer: { type: 'line', lineStyle: { color: theme.axis } },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '–')
    },
    xAxis: {
      type: 'value',
      name: t(spec.xMode === 'time' ? 'charts.axis.time' : 'charts.axis.step'),
      nameLocation: 'end',
      nameTextStyle: { color: theme.muted },
      min: extent?.[0],
      max: extent?.[1],
      minInterval: spec.xMode === 'step' ? 1 : undefined,
      axisLabel: { color: theme.muted, formatter: (v: number) => formatX(v, spec.xMode, locale) },
      splitLine: { show: false },
      axisLine: { lineStyle: { color: theme.axis } }
    },
    yAxis,
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', startValue: zoom?.[0], endValue: zoom?.[1] },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 6, showDataShadow: false, startValue: zoom?.[0], endValue: zoom?.[1], showDetail: false, borderColor: theme.grid }
    ],
    series
  }
}
