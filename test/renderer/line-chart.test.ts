import { describe, expect, it } from 'vitest'
import { buildLineOption, linePoints, padExtent, withSmoothing, xExtent } from '../../src/renderer/src/lib/line-chart-option'
import { ColumnStore, newerThan } from '../../src/renderer/src/lib/series-store'
import { DASHBOARD_CHARTS, relativeSeconds } from '../../src/renderer/src/lib/dashboard-charts'
import { chartText } from '../../src/renderer/src/i18n/chart-text'
import { applyLocale } from '../../src/renderer/src/i18n'
import { formatCount, formatDate, formatDuration, formatLabel, formatNumber, formatPercent } from '../../src/renderer/src/lib/format'

type Series = { name: string; data: [number, number | null][]; lineStyle: { opacity?: number } }

const text = chartText()

describe('line chart option', () => {
  const x = Float64Array.from({ length: 10_000 }, (_, i) => i + 1)
  const y = Float64Array.from({ length: 10_000 }, (_, i) => (i % 2 ? 1 : 0))

  it('draws a faint raw line under the smoothed one when smoothing is on', () => {
    const opt = buildLineOption({ lines: [{ name: 'acc', x, y }], xMode: 'step', smoothing: 0.9, window: null, buckets: 100, dark: false, yAxes: [{ name: 'a' }], text })
    const series = opt.series as Series[]
    expect(series.map((s) => s.name)).toEqual(['acc (raw)', 'acc'])
    expect(series[0].lineStyle.opacity).toBeLessThan(0.5)
    // Smoothed values of an alternating 0/1 series sit near 0.5; the raw keeps its extremes.
    expect(Math.max(...series[0].data.map((p) => p[1] ?? 0))).toBe(1)
    const tail = series[1].data.slice(-20).map((p) => p[1] ?? 0)
    for (const v of tail) expect(Math.abs(v - 0.5)).toBeLessThan(0.1)
  })
  it('has one series per line without smoothing and downsamples to the buckets', () => {
    const opt = buildLineOption({ lines: [{ name: 'acc', x, y }], xMode: 'time', smoothing: 0, window: null, buckets: 100, dark: true, yAxes: [{ name: 'a' }], text })
    const series = opt.series as Series[]
    expect(series).toHaveLength(1)
    expect(series[0].data.length).toBeLessThanOrEqual(300)
  })
  it('downsamples only the zoom window (plus one point each side)', () => {
    const pts = linePoints({ x, y }, [100, 200], 1000)
    expect(pts[0][0]).toBe(99)
    expect(pts[pts.length - 1][0]).toBe(201)
    expect(pts).toHaveLength(103)
  })
  it('precomputed smoothing gives the same option as smoothing on the fly', () => {
    const spec = { xMode: 'step' as const, smoothing: 0.7, window: null, buckets: 50, dark: false, yAxes: [{ name: 'a' }] as [{ name: string }], text }
    const a = buildLineOption({ ...spec, lines: [{ name: 'acc', x, y }] })
    const b = buildLineOption({ ...spec, lines: withSmoothing([{ name: 'acc', x, y }], 0.7) })
    expect((b.series as Series[])[1].data).toEqual((a.series as Series[])[1].data)
  })
  it('names the raw line, the x axis and the tick labels in the chart language', () => {
    try {
      applyLocale('ko')
      const opt = buildLineOption({ lines: [{ name: '정확도', x, y }], xMode: 'time', smoothing: 0.5, window: null, buckets: 10, dark: false, yAxes: [{ name: 'a' }], text: chartText() })
      expect((opt.series as Series[]).map((s) => s.name)).toEqual(['정확도 (원본)', '정확도'])
      const xAxis = opt.xAxis as { name: string; axisLabel: { formatter: (v: number) => string } }
      expect(xAxis.name).toBe('시간')
      expect(xAxis.axisLabel.formatter(185)).toBe('3분 05초')
    } finally {
      applyLocale('en')
    }
  })
  it('computes extents and pads a single point', () => {
    expect(xExtent([{ name: 'a', x: [3, 9], y: [0, 0] }, { name: 'b', x: [1, 4], y: [0, 0] }])).toEqual([1, 9])
    expect(xExtent([{ name: 'a', x: [], y: [] }])).toBeNull()
    expect(padExtent([5, 5])).toEqual([4, 6])
  })
})

describe('column store', () => {
  it('appends rows as columns, NaN for missing, and grows', () => {
    const store = new ColumnStore(['step', 'v'] as const, 2)
    store.append([{ step: 1, v: 0.5 }, { step: 2, v: null }, { step: 3 }])
    expect(store.length).toBe(3)
    expect([...store.column('step')]).toEqual([1, 2, 3])
    expect(Number.isNaN(store.column('v')[1])).toBe(true)
    expect(store.last('step')).toBe(3)
    store.clear()
    expect(store.length).toBe(0)
    expect(Number.isNaN(store.last('step'))).toBe(true)
  })
  it('keeps only records newer than the last stored step', () => {
    expect(newerThan([{ step: 1 }, { step: 3 }], 2)).toEqual([{ step: 3 }])
    expect(newerThan([{ step: 1 }], Number.NaN)).toEqual([{ step: 1 }])
  })
})

describe('formatting', () => {
  it('formats percentages, numbers, durations and wall-clock offsets', () => {
    expect(formatPercent(0.1234)).toBe('12.3%')
    expect(formatPercent(null)).toBe('–')
    expect(formatLabel(['cat', 'dog'], 1)).toBe('dog')
    expect(formatLabel(['cat', 'dog'], 7)).toBe('7')
    expect(formatLabel(['cat', 'dog'], -1)).toBe('–')
    expect(formatNumber(0.000012)).toBe('1.20e-5')
    expect(formatNumber(2.34567)).toBe('2.346')
    expect(formatDuration(185)).toBe('3m 05s')
    expect(formatDuration(7500)).toBe('2h 05m')
    expect([...relativeSeconds([1000, 3500], 1000)]).toEqual([0, 2.5])
  })
  it('formats for the locale: Korean units and dates, grouped counts', () => {
    expect(formatDuration(185, 'ko')).toBe('3분 05초')
    expect(formatDuration(7500, 'ko')).toBe('2시간 05분')
    expect(formatDuration(42, 'ko')).toBe('42초')
    expect(formatCount(60000, 'en')).toBe('60,000')
    expect(formatCount(60000, 'ko')).toBe('60,000')
    expect(formatNumber(12345, 'ko')).toBe('12,345')
    expect(formatPercent(0.5, 0, 'ko')).toBe('50%')
    const noon = new Date(2026, 11, 2, 14, 5).getTime()
    expect(formatDate(noon, 'ko')).toMatch(/^2026\. 12\. 2\. .*2:05$/)
    expect(formatDate(noon, 'en')).toMatch(/^Dec 2, 2026, 2:05\sPM$/)
    expect(formatDate(0, 'ko')).toBe('–')
  })
  it('leaves only the schedule and the sparse test evaluations unsmoothed', () => {
    expect(DASHBOARD_CHARTS.filter((c) => c.unsmoothed).map((c) => c.id)).toEqual(['lr', 'test'])
  })
})

describe('x axis labels', () => {
  it('prints steps as integers and wall-clock seconds compactly', async () => {
    const { formatX } = await import('../../src/renderer/src/lib/line-chart-option')
    expect(formatX(12.4, 'step')).toBe('12')
    expect(formatX(10.26, 'time')).toBe('10.3s')
    expect(formatX(10, 'time')).toBe('10s')
    expect(formatX(185, 'time')).toBe('3m 05s')
  })
})
