import { describe, expect, it } from 'vitest'
import { confusionFromSamples, precisionRecall, sampleHistory, summarizeSamples } from '../../src/renderer/src/lib/sample-analysis'
import { normalizeSampleState } from '../../src/renderer/src/lib/sample-state'
import { restoreFilter, defaultFilter } from '../../src/renderer/src/lib/sample-filter'
import { compareLines, distinctNames } from '../../src/renderer/src/lib/compare'
import { confusionOption, reliabilityOption, thresholdSweepOption } from '../../src/renderer/src/lib/analysis-options'
import { applyLocale } from '../../src/renderer/src/i18n'
import { chartText } from '../../src/renderer/src/i18n/chart-text'
import type { SampleState, StepMetrics, EvalRecord } from '../../src/shared/metrics'

function state(step: number, datasetIndex: number[], truth: number[], pseudo: number[], conf: number[]): SampleState {
  const n = truth.length
  return {
    step,
    datasetIndex: Int32Array.from(datasetIndex),
    trueLabel: Int16Array.from(truth),
    pseudoLabel: Int16Array.from(pseudo),
    confidence: Float32Array.from(conf),
    lastStep: new Int32Array(n),
    timesSeen: new Int32Array(n),
    timesMasked: new Int32Array(n),
    timesMaskedWrong: new Int32Array(n),
    flips: new Int32Array(n)
  }
}

describe('sample analysis', () => {
  const s = state(20, [10, 11, 12, 13], [0, 1, 1, 2], [0, 1, 0, -1], [0.99, 0.5, 0.97, 0])

  it('counts confusion[true][pseudo] over seen samples only', () => {
    expect(confusionFromSamples(s, 3)).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 0]
    ])
  })
  it('derives precision (by pseudo column) and recall (by true row)', () => {
    const pr = precisionRecall(confusionFromSamples(s, 3))
    expect(pr.precision).toEqual([0.5, 1, null])
    expect(pr.recall).toEqual([1, 0.5, null])
  })
  it('summarises seen, wrong and confident-wrong', () => {
    expect(summarizeSamples(s, 0.95)).toEqual({ seen: 3, correct: 2, wrong: 1, confidentWrong: 1 })
    expect(summarizeSamples(s, 0.99).confidentWrong).toBe(0)
  })
  it('follows one sample across snapshots by dataset index, in step order', () => {
    const later = state(40, [12, 10], [1, 0], [1, 0], [0.8, 0.9])
    expect(sampleHistory([later, s], 12)).toEqual([
      { step: 20, pseudoLabel: 0, confidence: expect.closeTo(0.97, 5), correct: false },
      { step: 40, pseudoLabel: 1, confidence: expect.closeTo(0.8, 5), correct: true }
    ])
    expect(sampleHistory([s], 999)).toEqual([])
  })
})

describe('sample state from a bridge', () => {
  it('accepts typed arrays, plain arrays and index-keyed objects', () => {
    const plain = { step: 3, datasetIndex: [5, 6], trueLabel: { 0: 1, 1: 2 }, pseudoLabel: [1, -1], confidence: [0.5, 0], lastStep: [1, 0], timesSeen: [1, 0], timesMasked: [0, 0], timesMaskedWrong: [0, 0], flips: [0, 0] }
    const s = normalizeSampleState(plain)
    expect(s.trueLabel).toBeInstanceOf(Int16Array)
    expect([...s.trueLabel]).toEqual([1, 2])
    expect(s.confidence).toBeInstanceOf(Float32Array)
    expect(s.step).toBe(3)
  })
  it('refuses arrays of different lengths', () => {
    const bad = { step: 1, datasetIndex: [1], trueLabel: [1, 2], pseudoLabel: [1], confidence: [1], lastStep: [1], timesSeen: [1], timesMasked: [1], timesMaskedWrong: [1], flips: [1] }
    expect(() => normalizeSampleState(bad)).toThrow(/trueLabel/)
  })
})

describe('saved browser filter', () => {
  it('keeps known keys of the right type and drops the rest', () => {
    const f = restoreFilter({ wrongOnly: true, trueClass: 3, minFlips: 'x', bogus: 1 }, 0.9)
    expect(f).toEqual({ ...defaultFilter(0.9), wrongOnly: true, trueClass: 3 })
    expect(restoreFilter(undefined, 0.5)).toEqual(defaultFilter(0.5))
  })
})

describe('compare lines', () => {
  const m = (step: number, plAccAll: number, plAccMasked: number | null): StepMetrics => ({ step, plAccAll, plAccMasked }) as StepMetrics
  const e = (step: number, testAcc: number): EvalRecord => ({ step, testAcc }) as EvalRecord
  it('takes a step metric or an eval metric per session, NaN where missing', () => {
    const sources = [
      { name: 'a', metrics: [m(1, 0.1, null), m(2, 0.2, 0.5)], evals: [e(2, 0.3)] },
      { name: 'b', metrics: [m(1, 0.4, 0.6)], evals: [] }
    ]
    const masked = compareLines(sources, 'plAccMasked')
    expect(masked.map((l) => l.name)).toEqual(['a', 'b'])
    expect(Number.isNaN(masked[0].y[0])).toBe(true)
    expect([...masked[0].x]).toEqual([1, 2])
    expect([...compareLines(sources, 'testAcc')[0].y]).toEqual([0.3])
  })

  it('names every line apart, so the legend lists sessions that share a name', () => {
    const same = [{ name: 'run', metrics: [m(1, 0.1, null)], evals: [] }, { name: 'run', metrics: [m(1, 0.1, null)], evals: [] }]
    expect(compareLines(same, 'plAccAll').map((l) => l.name)).toEqual(['run', 'run (2)'])
    expect(distinctNames(['a', 'a', 'a (2)', 'b'])).toEqual(['a', 'a (3)', 'a (2)', 'b'])
  })
})

describe('analysis chart options', () => {
  it('normalises confusion rows and keeps the counts for labels and tooltips', () => {
    const option = confusionOption([[3, 1], [0, 0]], ['a', 'b'], false, chartText()) as { series: { data: number[][] }[] }
    expect(option.series[0].data).toEqual([
      [0, 0, 0.75, 3],
      [1, 0, 0.25, 1],
      [0, 1, 0, 0],
      [1, 1, 0, 0]
    ])
  })
  it('escapes class names in the confusion tooltip: they come from imported archives', () => {
    const evil = '<img src=x onerror="alert(1)">'
    const option = confusionOption([[1, 2], [0, 4]], [evil, 'b&c'], false, chartText()) as { tooltip: { formatter: (p: { value: number[] }) => string } }
    const html = option.tooltip.formatter({ value: [1, 0, 2 / 3, 2] })
    expect(html).toBe('true &lt;img src=x onerror=&quot;alert(1)&quot;&gt; → pseudo b&amp;c<br/>2 samples (67% of row)')
    expect(html).not.toContain('<img')
  })
  it('marks the current threshold on the sweep', () => {
    const option = thresholdSweepOption([0.5, 0.9], [0.8, 0.3], [0.7, null], 0.95, true, chartText()) as { series: { data: unknown[]; markLine?: { data: { xAxis: number }[] } }[] }
    expect(option.series[0].markLine?.data[0].xAxis).toBe(0.95)
    expect(option.series[1].data).toEqual([[0.5, 0.7], [0.9, null]])
  })
  it('words tooltips, legends and titles in Korean when the app is in Korean', () => {
    try {
      applyLocale('ko')
      const confusion = confusionOption([[1, 2], [0, 4]], ['고양이', '개'], false, chartText()) as { tooltip: { formatter: (p: { value: number[] }) => string } }
      expect(confusion.tooltip.formatter({ value: [1, 0, 2 / 3, 2] })).toBe('정답 고양이 → 의사 레이블 개<br/>샘플 2개 (행의 67%)')
      const sweep = thresholdSweepOption([0.5, 0.9], [0.8, 0.3], [0.7, null], 0.95, true, chartText()) as { series: { name: string }[]; xAxis: { name: string } }
      expect(sweep.series.map((s) => s.name)).toEqual(['마스크 비율 (양)', '마스크 통과 정확도 (질)'])
      expect(sweep.xAxis.name).toBe('임계값')
      const bins = { count: [1, 1], meanConfidence: [0.25, 0.75], accuracy: [0.5, 1] }
      const reliability = reliabilityOption(bins, 0.0123, false, chartText()) as { title: { text: string } }
      expect(reliability.title.text).toBe('ECE 1.23%')
    } finally {
      applyLocale('en')
    }
  })
})
