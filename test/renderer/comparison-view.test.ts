// The compare view's pure builders over a real ComparisonSummary: the bands chart (a mean line
// and a ± std band per algorithm, one legend entry each, bounds dashed) and the table's cells
// and verdicts in words, in English and Korean, read from the summary's fields.
import * as echarts from 'echarts'
import { describe, expect, it } from 'vitest'
import { comparisonBands } from '../../src/shared/analysis/comparison-bands'
import type { ComparisonRunInput } from '../../src/shared/analysis/comparison-run'
import { summarizeComparison } from '../../src/shared/analysis/comparison-summary'
import { ALGORITHM_TITLES } from '../../src/shared/config/algorithm-variants'
import type { AlgorithmName } from '../../src/shared/config/experiment-config'
import type { EvalRecord, StepMetrics, SweepRecord } from '../../src/shared/metrics'
import messages from '../../src/renderer/src/i18n/messages/comparison'
import { bandColor, bandLegend, bandMarker, comparisonBandsOption } from '../../src/renderer/src/lib/comparison-bands-option'
import { COMPARISON_ALGORITHMS } from '../../src/shared/config/algorithm-variants'
import { comparisonRows, formatP, formatPoints, formatT, orderedPairs, pairVerdict, verdictHeadline } from '../../src/renderer/src/lib/comparison-text'

/** The comparison area's messages with {name} filled, as vue-i18n does for these keys. */
const translate = (lang: 'en' | 'ko') => (key: string, params: Record<string, unknown> = {}): string => {
  const leaf = key.replace(/^comparison\./, '').split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], messages[lang])
  if (typeof leaf !== 'string') throw new Error(`no message ${key}`)
  return leaf.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))
}
const text = { t: translate('en'), locale: 'en' }

const evalAt = (step: number, testAcc: number, emaTestAcc: number): EvalRecord => ({ step, time: step, testAcc, testLoss: 1, emaTestAcc, emaTestLoss: null, testSamples: 10 })
function run(algorithm: AlgorithmName, seed: number, acc: number): ComparisonRunInput {
  const metrics = [1, 2, 3, 4].map((step) => ({ step, classPseudo: [1, 1] }) as unknown as StepMetrics)
  const sweeps = [{ step: 4, maskRate: 0.5, plAccMasked: 0.8, confusion: [[5, 0], [0, 5]] } as unknown as SweepRecord]
  return { algorithm, seed, status: 'finished', metrics, evals: [evalAt(2, acc - 0.2, acc - 0.1), evalAt(4, acc - 0.01, acc)], sweeps }
}
// FixMatch and FlexMatch within noise of each other; the oracle far above both; the supervised bound on one seed.
const inputs = [
  ...[0.9, 0.92, 0.91].map((acc, i) => run('fixmatch', i + 1, acc)),
  ...[0.91, 0.9, 0.93].map((acc, i) => run('flexmatch', i + 1, acc)),
  ...[0.99, 0.991, 0.989].map((acc, i) => run('fullysupervised', i + 1, acc)),
  run('supervised', 1, 0.6)
]
const summary = summarizeComparison(inputs)
const bands = comparisonBands(inputs)

describe('comparison bands chart', () => {
  it('draws per algorithm a mean line and a ± std band stacked on a hidden lower edge, one legend entry each', () => {
    const option = comparisonBandsOption(bands, ALGORITHM_TITLES, false, text) as { legend: { data: string[] }; series: Record<string, unknown>[] }
    expect(option.legend.data).toEqual(['FixMatch', 'FlexMatch', 'Fully supervised (oracle)', 'Supervised (labeled only)'])
    expect(bandLegend(bands, ALGORITHM_TITLES)).toEqual(option.legend.data)
    expect(option.series).toHaveLength(12)
    const [mean, lower, band] = option.series
    expect(mean).toMatchObject({ id: 'fixmatch:mean', name: 'FixMatch', lineStyle: { type: 'solid' } })
    const fixmatchAt4 = bands[0].points[1]
    expect(fixmatchAt4.mean).toBeCloseTo(0.91, 12)
    expect((mean.data as number[][])[1]).toEqual([4, fixmatchAt4.mean, fixmatchAt4.std, 3])
    expect(lower).toMatchObject({ name: 'FixMatch', stack: 'band-fixmatch', lineStyle: { opacity: 0 } })
    expect((lower.data as number[][])[1]).toEqual([4, fixmatchAt4.mean - fixmatchAt4.std])
    expect(band).toMatchObject({ name: 'FixMatch', stack: 'band-fixmatch', areaStyle: { opacity: 0.18 } })
    expect((band.data as number[][])[1]).toEqual([4, 2 * fixmatchAt4.std])
    // The bounds are dashed; every series of an algorithm has its colour.
    expect(option.series[6]).toMatchObject({ id: 'fullysupervised:mean', lineStyle: { type: 'dashed' } })
    expect(new Set(option.series.slice(6, 9).map((s) => s.color)).size).toBe(1)
    expect(option.series[0].color).not.toBe(option.series[3].color)
    expect(option).toMatchObject({ xAxis: { min: 'dataMin', max: 'dataMax' } })
  })

  it('gives each of the comparison preset’s thirteen algorithms its own colour, and a repeated colour another marker', () => {
    const many = COMPARISON_ALGORITHMS.map((algorithm, i) => ({ ...bands[0], algorithm, points: bands[0].points.map((p) => ({ ...p, mean: p.mean + i / 100 })) }))
    const option = comparisonBandsOption(many, ALGORITHM_TITLES, false, text) as { series: { id: string; color: string; symbol: string }[] }
    const means = option.series.filter((s) => s.id.endsWith(':mean'))
    expect(means).toHaveLength(13)
    expect(new Set(means.map((s) => s.color)).size).toBe(13)
    expect(means.slice(0, 8).every((s) => s.symbol === 'circle') && means.slice(8).every((s) => s.symbol === 'triangle')).toBe(true)
    // Past the fifteen colours, a colour comes back only with another marker.
    const pairs = Array.from({ length: 40 }, (_, i) => `${bandColor(i)} ${bandMarker(i)}`)
    expect(new Set(pairs.slice(0, 29)).size).toBe(29)
  })

  it('zooms on the steps, keeping the stacked bands whole and the reader’s zoom through a refresh', () => {
    const option = comparisonBandsOption(bands, ALGORITHM_TITLES, false, text) as { dataZoom: Record<string, unknown>[] }
    expect(option.dataZoom.map((z) => [z.type, z.xAxisIndex, z.filterMode])).toEqual([
      ['inside', 0, 'none'],
      ['slider', 0, 'none']
    ])
    expect(option.dataZoom.every((z) => !('startValue' in z) && !('start' in z))).toBe(true)
    // In ECharts itself (server-side rendering): zoomed, then refreshed as use-echart does (series replaced).
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 })
    try {
      chart.setOption(option)
      chart.dispatchAction({ type: 'dataZoom', startValue: 2, endValue: 3 })
      chart.setOption(comparisonBandsOption(bands, ALGORITHM_TITLES, false, text), { replaceMerge: ['series'] })
      const zoom = (chart.getOption() as { dataZoom: { startValue: number; endValue: number }[] }).dataZoom
      expect(zoom.map((z) => [z.startValue, z.endValue])).toEqual([
        [2, 3],
        [2, 3]
      ])
    } finally {
      chart.dispose()
    }
  })

  it('says in the tooltip each algorithm’s mean ± std and seeds at the step', () => {
    const option = comparisonBandsOption(bands, ALGORITHM_TITLES, true, text) as { tooltip: { formatter: (p: unknown[]) => string }; series: { name: string; data: number[][] }[] }
    const params = option.series.map((s) => ({ seriesName: s.name, value: s.data[1] }))
    expect(option.tooltip.formatter(params)).toBe(['Step 4', 'FixMatch: 91.0% ± 1.0% (n=3)', 'FlexMatch: 91.3% ± 1.5% (n=3)', 'Fully supervised (oracle): 99.0% ± 0.1% (n=3)', 'Supervised (labeled only): 60.0% ± 0.0% (n=1)'].join('<br/>'))
  })
})

describe('comparison table and verdicts', () => {
  it('fills each algorithm’s row from the summary, tagging the bounds and the oracle', () => {
    const rows = comparisonRows(summary, ALGORITHM_TITLES, translate('en'), 'en')
    expect(rows.map((r) => [r.label, r.kind, r.seeds, r.steps])).toEqual([
      ['FixMatch', 'ssl', 3, '4'],
      ['FlexMatch', 'ssl', 3, '4'],
      ['Fully supervised (oracle)', 'oracle', 3, '4'],
      ['Supervised (labeled only)', 'bound', 1, '4']
    ])
    expect(rows[0]).toMatchObject({ testAcc: '90.0% ± 1.0%', emaTestAcc: '91.0% ± 1.0%', maskRate: '50.0% ± 0.0%', plAccMasked: '80.0% ± 0.0%', stepsToTarget: '4 ± 0 (3 of 3 reached it)', collapsed: '–' })
    expect(rows[3]).toMatchObject({ maskRate: '–', stepsToTarget: '– (0 of 1 reached it)' })
  })

  it('says which pairs the seeds tell apart and which not, from the Welch fields, in English and Korean', () => {
    const en = translate('en')
    expect(verdictHeadline(summary, en)).toBe('At p < 0.05, the seeds tell 2 of 6 pairs apart and cannot tell 1 apart; 3 not tested.')
    const ordered = orderedPairs(summary)
    expect(ordered.map((p) => (p.significant ? 'apart' : p.p === null ? 'untested' : 'together'))).toEqual(['apart', 'apart', 'together', 'untested', 'untested', 'untested'])
    const together = summary.pairs.find((p) => p.a === 'fixmatch' && p.b === 'flexmatch')
    const apart = summary.pairs.find((p) => p.a === 'fixmatch' && p.b === 'fullysupervised')
    if (!together || !apart) throw new Error('missing pair')
    expect(pairVerdict(together, ALGORITHM_TITLES, en, 'en')).toBe(`FixMatch and FlexMatch differ by 0.33 points (p = ${together.p?.toPrecision(2)}): the seeds cannot tell them apart.`)
    expect(pairVerdict(apart, ALGORITHM_TITLES, en, 'en')).toBe(`Fully supervised (oracle) beats FixMatch by 8.00 points (p = ${apart.p?.toPrecision(2)}): the seeds tell them apart.`)
    const ko = translate('ko')
    expect(pairVerdict(apart, ALGORITHM_TITLES, ko, 'ko')).toBe(`Fully supervised (oracle) 쪽이 FixMatch보다 8.00%p 높습니다 (p = ${apart.p?.toPrecision(2)}). 이 시드들로 둘을 구별할 수 있습니다.`)
    expect(pairVerdict(summary.pairs[2], ALGORITHM_TITLES, ko, 'ko')).toBe('FixMatch, Supervised (labeled only): 검정하지 않았습니다 (Welch t 검정에는 양쪽 모두 시드가 2개 이상 있어야 하고, 모든 시드가 같은 값으로 끝나면 잡음을 추정할 수 없습니다).')
    expect(formatP(0)).toBe('< 0.001')
    expect([formatT(-1.2345, 'en'), formatT(null, 'en')]).toEqual(['-1.23', '–'])
    expect(formatPoints(-0.0205, 'ko')).toBe('-2.05')
    expect(verdictHeadline(summary, ko)).toBe('p < 0.05 기준으로, 전체 6쌍 중 2쌍은 시드로 구별되고 1쌍은 구별되지 않으며, 3쌍은 검정하지 않았습니다.')
  })
})
