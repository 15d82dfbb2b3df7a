// The bands chart of an algorithm comparison: per algorithm a line for the mean over seeds and
// a shaded band for ± one std (a transparent lower edge with the band's width stacked on it).
// One legend entry per algorithm: its three series share its name, so the entry toggles all.
import type { ComparisonBand } from '../../../shared/analysis/comparison-bands'
import type { AlgorithmName } from '../../../shared/config/experiment-config'
import { isBound } from '../../../shared/config/experiment-config'
import { chartTheme, PALETTE } from './chart-theme'
import type { ChartText } from './chart-text'
import { formatPercent } from './format'

export type AlgorithmLabels = Readonly<Record<AlgorithmName, string>>

/** The legend's entries, one per algorithm, in the bands' order. */
export function bandLegend(bands: readonly ComparisonBand[], labels: AlgorithmLabels): string[] {
  return bands.map((b) => labels[b.algorithm])
}

/**
 * Beyond the eight colour-blind-safe colours, Paul Tol's muted ones, so the thirteen lines of the
 * comparison preset each get their own colour; past those, colours repeat with another marker.
 */
const MORE_COLOURS = ['#882255', '#44AA99', '#999933', '#332288', '#AA4499', '#117733', '#88CCEE']
const BAND_COLOURS = [...PALETTE, ...MORE_COLOURS]
const MARKERS = ['circle', 'triangle', 'diamond', 'rect'] as const

/** Colour per algorithm, fixed by its place in the comparison. */
export const bandColor = (index: number): string => BAND_COLOURS[index % BAND_COLOURS.length]
/** Marker per algorithm: circles for the first eight, triangles for the next colours, then other shapes as colours repeat. */
export const bandMarker = (index: number): (typeof MARKERS)[number] =>
  index < PALETTE.length ? 'circle' : MARKERS[Math.min(MARKERS.length - 1, 1 + Math.floor((index - PALETTE.length) / MORE_COLOURS.length))]

export function comparisonBandsOption(bands: readonly ComparisonBand[], labels: AlgorithmLabels, dark: boolean, text: ChartText): Record<string, unknown> {
  const theme = chartTheme(dark)
  const series = bands.flatMap((band, i) => {
    const name = labels[band.algorithm]
    const color = bandColor(i)
    const stack = `band-${band.algorithm}`
    const edge = { type: 'line', name, color, stack, stackStrategy: 'all', symbol: 'none', silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false } }
    return [
      // First, so the legend draws its entry from the mean line. Bounds are dashed.
      {
        type: 'line',
        id: `${band.algorithm}:mean`,
        name,
        color,
        symbol: bandMarker(i),
        symbolSize: bandMarker(i) === 'circle' ? 4 : 6,
        lineStyle: { width: 2, type: isBound(band.algorithm) ? 'dashed' : 'solid' },
        data: band.points.map((p) => [p.step, p.mean, p.std, p.n]),
        z: 3
      },
      { ...edge, id: `${band.algorithm}:lower`, data: band.points.map((p) => [p.step, p.mean - p.std]) },
      { ...edge, id: `${band.algorithm}:band`, areaStyle: { color, opacity: 0.18 }, data: band.points.map((p) => [p.step, 2 * p.std]) }
    ]
  })
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    legend: { top: 0, data: bandLegend(bands, labels), textStyle: { color: theme.muted, fontSize: 11 } },
    grid: { left: 52, right: 16, top: 56, bottom: 60 },
    tooltip: bandTooltip(dark, text, (step) => text.t('comparison.bands.step', { step })),
    xAxis: { type: 'value', min: 'dataMin', max: 'dataMax', name: text.t('comparison.bands.x'), nameLocation: 'middle', nameGap: 22, axisLabel: { color: theme.muted }, axisLine: { lineStyle: { color: theme.axis } }, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, axisLabel: { color: theme.muted, formatter: (v: number) => formatPercent(v, 0, text.locale) }, splitLine: { lineStyle: { color: theme.grid } } },
    // Zoom on the steps: a recipe may run one algorithm longer (Pseudo-Label 3x), leaving the others
    // in the first third. No start or end here, so a live refresh (a merge) keeps the reader's zoom.
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 4, showDataShadow: false, showDetail: false, borderColor: theme.grid }
    ],
    series
  }
}

/**
 * The tooltip of mean ± std bands: at the hovered step, each line's mean ± std over its seeds
 * and how many seeds it has (the mean series carry [step, mean, std, n]).
 */
export function bandTooltip(dark: boolean, text: ChartText, stepLabel: (step: number) => string): Record<string, unknown> {
  const theme = chartTheme(dark)
  const pct = (v: number): string => formatPercent(v, 1, text.locale)
  return {
    trigger: 'axis',
    backgroundColor: theme.tooltipBg,
    textStyle: { color: theme.text, fontSize: 11 },
    formatter: (params: { seriesName: string; value: number[] }[]) => {
      const rows = params.filter((p) => p.value.length === 4)
      if (rows.length === 0) return ''
      return [stepLabel(rows[0].value[0]), ...rows.map((p) => `${p.seriesName}: ${pct(p.value[1])} ± ${pct(p.value[2])} (n=${p.value[3]})`)].join('<br/>')
    }
  }
}
