// The study view's pure builders over a real AblationStudySummary: the cost chart (the paired
// cost with its interval band and the none run's confident-wrong count on a second axis), the
// modes' bands, the per-class bars, the table cells and the words in English and Korean; the
// oracle name in legends; the FixMatch CIFAR-10 preset's first-epoch study; the sweep's ETA.
import { describe, expect, it } from 'vitest'
import { summarizeAblationStudy, type AblationRunRecord } from '../../src/shared/analysis/ablation-summary'
import { presetConfig } from '../../src/shared/config/presets'
import type { SweepRunEntry } from '../../src/shared/sweep-manifest'
import type { RunResult } from '../../src/shared/sweep-results'
import messages from '../../src/renderer/src/i18n/messages/ablation'
import { costLegend, costOption, modeBandsOption, perClassOption } from '../../src/renderer/src/lib/ablation-options'
import { ablationStudyConfig } from '../../src/renderer/src/lib/ablation-study-config'
import { ablationRows, ablationVerdictText, costliestClasses } from '../../src/renderer/src/lib/ablation-text'
import { oracleName } from '../../src/renderer/src/lib/oracle-name'
import { sweepEtaSec } from '../../src/renderer/src/lib/sweep-eta'

const translate = (lang: 'en' | 'ko') => (key: string, params: Record<string, unknown> = {}): string => {
  const leaf = key.replace(/^ablation\./, '').split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], messages[lang])
  if (typeof leaf !== 'string') throw new Error(`no message ${key}`)
  return leaf.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))
}
const text = { t: translate('en'), locale: 'en' }
const labels = { none: 'none', 'oracle-mask': 'mask (oracle)', 'oracle-correct': 'correct (oracle)', 'oracle-all': 'all', noise: 'noise' } as const

/** Final accuracy by mode and seed; class 1 loses to its wrong pseudo-labels, class 0 does not. */
const FINAL = { none: [0.8, 0.82, 0.81], 'oracle-mask': [0.85, 0.86, 0.87], 'oracle-correct': [0.9, 0.9, 0.92] } as const
function record(mode: keyof typeof FINAL, seed: number): AblationRunRecord {
  const acc = FINAL[mode][seed - 1]
  return {
    mode,
    seed,
    status: 'finished',
    evals: [{ step: 2, testAcc: acc - 0.1, emaTestAcc: null }, { step: 4, testAcc: acc, emaTestAcc: null }],
    confidentWrong: [1, 2, 3, 4].map((step) => ({ step, count: mode === 'none' ? step + seed : 0 })),
    plAccAll: [1, 2, 3, 4].map((step) => ({ step, value: mode === 'none' ? 0.1 * step + 0.01 * seed : 1 })),
    classTestAcc: [0.9, mode === 'none' ? 0.5 : 0.7],
    confidentWrongConfusion: mode === 'none' ? [[0, seed], [2, 0]] : null
  }
}
const records = [1, 2, 3].flatMap((seed) => (['none', 'oracle-mask', 'oracle-correct'] as const).map((m) => record(m, seed)))
const summary = summarizeAblationStudy(records)
const mask = summary.costs.find((c) => c.mode === 'oracle-mask')!

describe('the study charts', () => {
  it('draws the cost with its interval band and the confident-wrong count on the right axis', () => {
    const option = costOption(mask, summary, false, text) as { legend: { data: string[] }; yAxis: unknown[]; series: Record<string, unknown>[] }
    expect(option.legend.data).toEqual(costLegend(text))
    expect(option.legend.data).toEqual(['Cost of wrong pseudo-labels (points)', 'Confident-wrong pseudo-labels (none)', 'Pseudo-label accuracy per batch, plAccAll (none)'])
    expect(option.yAxis).toHaveLength(3)
    const [cost, lower, band, wrong, placc] = option.series
    expect(cost).toMatchObject({ id: 'cost', markLine: { data: [{ yAxis: 0 }] } })
    const at4 = mask.series[1]
    expect(at4.cost).toBeCloseTo(0.05, 12)
    expect((cost.data as number[][])[1]).toEqual([4, at4.cost, at4.low, at4.high])
    expect((lower.data as number[][])[1]).toEqual([4, at4.low])
    expect((band.data as number[][])[1][1]).toBeCloseTo((at4.high as number) - (at4.low as number), 12)
    expect(band).toMatchObject({ stack: 'band-cost', areaStyle: { opacity: 0.18 } })
    expect(wrong).toMatchObject({ id: 'wrong', yAxisIndex: 1 })
    expect(wrong.data).toEqual([[1, 3], [2, 4], [3, 5], [4, 6]])
    // The normal run's plAccAll per batch, mean over its seeds, on its own 0-100% axis.
    expect(placc).toMatchObject({ id: 'placc', yAxisIndex: 2 })
    expect((placc.data as number[][]).map(([step, v]) => [step, Number(v.toFixed(6))])).toEqual([[1, 0.12], [2, 0.22], [3, 0.32], [4, 0.42]])
  })

  it('draws each mode a mean line and a band, oracles dashed, and the per-class cost as bars', () => {
    const option = modeBandsOption(summary.modes, labels, false, text) as { legend: { data: string[] }; series: Record<string, unknown>[] }
    expect(option.legend.data).toEqual(['none', 'mask (oracle)', 'correct (oracle)'])
    expect(option.series).toHaveLength(9)
    expect(option.series.filter((s) => String(s.id).endsWith(':mean')).map((s) => (s.lineStyle as { type: string }).type)).toEqual(['solid', 'dashed', 'dashed'])
    const bars = perClassOption(mask.perClass ?? [], ['zero', 'one'], false, text) as { xAxis: { data: string[] }; series: { data: { value: number }[] }[] }
    expect(bars.xAxis.data).toEqual(['zero', 'one'])
    expect(bars.series[0].data.map((d) => d.value)).toEqual([0, expect.closeTo(0.2, 12)])
  })
})

describe('the study in words', () => {
  it('gives the table per mode with each oracle’s difference and interval', () => {
    const rows = ablationRows(summary, labels, 'en')
    expect(rows.map((r) => [r.mode, r.oracle, r.seeds])).toEqual([['none', false, 3], ['oracle-mask', true, 3], ['oracle-correct', true, 3]])
    expect(rows[0]).toMatchObject({ testAcc: '81.00% ± 1.00%', cost: '–' })
    expect(rows[1].cost).toMatch(/^\+5\.00 \[\+\d\.\d+, \+\d\.\d+\]$/)
    expect(costliestClasses(summary, ['zero', 'one'])).toEqual([{ name: 'one', cost: expect.closeTo(0.2, 12) }])
  })

  it('says what was measured and how sure it is, in English and Korean', () => {
    const en = ablationVerdictText(summary, 3, translate('en'), 'en')
    expect(en[0]).toMatch(/^Measured: the same runs on 3 training seeds .* with a 95% t interval\.$/)
    expect(en[1]).toMatch(/^At step 4, dropping the wrong pseudo-labels raises accuracy by \+5\.00 points \(95% interval \+\d\.\d+ to \+\d\.\d+, 3 seeds\): the wrong pseudo-labels cost accuracy/)
    expect(en[2]).toMatch(/^Correcting them instead \(oracle-correct\) changes accuracy by \+9\.67 \[/)
    const ko = ablationVerdictText(summary, 3, translate('ko'), 'ko')
    expect(ko[1]).toMatch(/^스텝 4에서 잘못된 의사 레이블을 빼면 정확도가 \+5\.00%p 오릅니다/)
    // Two seeds that disagree in sign: the interval holds 0, and the words say the seeds cannot tell.
    const unsure = summarizeAblationStudy([record('none', 1), { ...record('oracle-mask', 1), evals: [{ step: 4, testAcc: 0.79, emaTestAcc: null }] }, record('none', 2), record('oracle-mask', 2)])
    expect(ablationVerdictText(unsure, 2, translate('en'), 'en')[1]).toMatch(/includes 0: these seeds cannot tell/)
    expect(ablationVerdictText(summarizeAblationStudy([record('none', 1)]), 1, translate('en'), 'en')[1]).toMatch(/No seed has both/)
    // Nothing wrong passed and the oracle changed nothing: said so, not 'cannot tell'.
    const quiet = (mode: 'none' | 'oracle-mask', seed: number): AblationRunRecord => ({ ...record('none', seed), mode, confidentWrong: [{ step: 1, count: 0 }] })
    const same = ablationVerdictText(summarizeAblationStudy([quiet('none', 1), quiet('oracle-mask', 1), quiet('none', 2), quiet('oracle-mask', 2)]), 2, translate('en'), 'en')
    expect(same.slice(1)).toEqual(['No wrong pseudo-label passed in the normal runs, so the oracles had nothing to edit.', 'At step 4, the oracle-mask runs end exactly where the normal runs do on all 2 seeds: the wrong pseudo-labels cost nothing measurable here.'])
  })

  it('tags an oracle run in a legend in the current language, once', () => {
    expect(oracleName('mnist · oracle-mask (oracle)', 'oracle-mask', 'oracle')).toBe('mnist · oracle-mask (oracle)')
    expect(oracleName('mnist · oracle-mask (oracle)', 'oracle-mask', '오라클')).toBe('mnist · oracle-mask (oracle) (오라클)')
    expect(oracleName('renamed', 'noise', 'oracle')).toBe('renamed (oracle)')
    expect(oracleName('plain', undefined, 'oracle')).toBe('plain')
    expect(oracleName('plain', 'none', 'oracle')).toBe('plain')
  })
})

describe('the study’s config and the sweep’s ETA', () => {
  it('runs the FixMatch CIFAR-10 paper preset over its first epoch, with the lr of that epoch, evaluated and checkpointed often', () => {
    const paper = presetConfig('fixmatch-paper-cifar10-4000')
    const study = ablationStudyConfig(paper, 'fixmatch-paper-cifar10-4000')
    expect(study).toMatchObject({ steps: 1024, evalInterval: 64, sweepInterval: 1024, checkpointInterval: 64, schedule: { name: 'constant' } })
    expect({ ...study, steps: 0, evalInterval: 0, sweepInterval: 0, checkpointInterval: 0, schedule: null }).toEqual({ ...paper, steps: 0, evalInterval: 0, sweepInterval: 0, checkpointInterval: 0, schedule: null })
    const quick = presetConfig('quick-mnist')
    expect(ablationStudyConfig(quick, 'quick-mnist')).toEqual(quick)
  })

  it('estimates the time left from the runs’ pace and the steps their unfinished runs have left', () => {
    const run = (index: number, state: SweepRunEntry['state']): SweepRunEntry => ({ index, state, config: { steps: 100 } }) as unknown as SweepRunEntry
    const result = (step: number, secPerStep?: number): RunResult => ({ step, totalSteps: 100, plAccAll: null, maskRate: null, testAcc: null, emaTestAcc: null, ...(secPerStep ? { secPerStep } : {}) })
    const runs = [run(0, 'finished'), run(1, 'running'), run(2, 'pending')]
    expect(sweepEtaSec(runs, [result(100, 1), result(40, 2), null])).toBeCloseTo((60 + 100) * 2, 9)
    expect(sweepEtaSec(runs, [result(100, 1), result(0), null])).toBeCloseTo(200, 9)
    expect(sweepEtaSec(runs, [null, null, null])).toBeNull()
    expect(sweepEtaSec([run(0, 'finished')], [result(100, 1)])).toBeNull()
  })
})
