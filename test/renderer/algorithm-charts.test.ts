import { describe, expect, it } from 'vitest'
import { shortRunNotes } from '../../src/renderer/src/lib/config-draft'
import { classThresholdLines, hasClassThresholds } from '../../src/renderer/src/lib/class-thresholds'
import { qualityWindow, quantityQuality, quantityQualityOption } from '../../src/renderer/src/lib/quantity-quality'
import { summarizeSamples } from '../../src/renderer/src/lib/sample-analysis'
import { defaultFilter, filterSamples } from '../../src/renderer/src/lib/sample-filter'
import type { SampleState } from '../../src/shared/metrics'

const text = { t: (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`, locale: 'en' }
const step = (s: number, maskRate: number, plAccMasked: number | null, unlabeledBatch = 10) => ({ step: s, maskRate, plAccMasked, unlabeledBatch })

describe('quantity-quality', () => {
  it('averages the share used per window and weights accuracy by what each step used', () => {
    // Window 1: steps 1-2 use 1 and 3 of 10 at 100% and 0%: share 0.2, accuracy 1/4.
    // Window 2: step 3 uses nothing: accuracy null. Window 3 (short): step 4 uses 5 at 80%.
    const points = quantityQuality([step(1, 0.1, 1), step(2, 0.3, 0), step(3, 0, null), step(4, 0.5, 0.8)], 2)
    expect(points[0]).toEqual({ step: 2, used: 0.2, accuracy: 0.25 })
    expect(points[1].step).toBe(4)
    expect(points[1].used).toBeCloseTo(0.25, 12)
    expect(points[1].accuracy).toBeCloseTo(0.8, 12)
    expect(quantityQuality([step(1, 0, null)], 5)).toEqual([{ step: 1, used: 0, accuracy: null }])
    expect(() => quantityQuality([], 0)).toThrow(/window/)
    expect(qualityWindow(600)).toBe(50)
    expect(qualityWindow(3)).toBe(1)
  })

  it('draws one path per run over used share (x) and accuracy (y), skipping windows that used nothing', () => {
    const option = quantityQualityOption(
      [
        { name: 'FixMatch', points: [{ step: 50, used: 0.1, accuracy: 0.9 }, { step: 100, used: 0.6, accuracy: null }] },
        { name: 'SoftMatch', points: [{ step: 100, used: 0.8, accuracy: 0.7 }] }
      ],
      false,
      text
    ) as { series: { name: string; data: number[][]; symbolSize: (v: number[]) => number }[]; xAxis: { name: string; max: number } }
    expect(option.series.map((s) => s.name)).toEqual(['FixMatch', 'SoftMatch'])
    expect(option.series[0].data).toEqual([[0.1, 0.9, 50]])
    expect(option.series[1].data).toEqual([[0.8, 0.7, 100]])
    // Later windows draw larger points.
    expect(option.series[1].symbolSize([0.8, 0.7, 100])).toBeGreaterThan(option.series[0].symbolSize([0.1, 0.9, 50]))
    expect(option.xAxis).toMatchObject({ name: 'algorithms.qq.used', max: 1 })
  })
})

describe('class thresholds over time', () => {
  it('gives a line per class, NaN where a step recorded none', () => {
    const metrics = [{ step: 1 }, { step: 2, classThresholds: [0, 0.5] }, { step: 3, classThresholds: [0.2, 0.6] }]
    expect(hasClassThresholds(metrics)).toBe(true)
    expect(hasClassThresholds([{ classThresholds: undefined }])).toBe(false)
    const lines = classThresholdLines(metrics, ['zero', 'one'])
    expect(lines.map((l) => l.name)).toEqual(['zero', 'one'])
    expect(Array.from(lines[1].x)).toEqual([1, 2, 3])
    expect(Array.from(lines[1].y)).toEqual([Number.NaN, 0.5, 0.6])
  })
})

describe('the browser judges by the session rule', () => {
  const n = 4
  // Wrong labels: sample 0 (pseudo 1, conf 0.5), sample 1 (pseudo 2, conf 0.7), sample 2 (pseudo 2, conf 0.97); sample 3 right.
  const state: SampleState = {
    step: 5,
    datasetIndex: Int32Array.from([0, 1, 2, 3]),
    trueLabel: Int16Array.from([0, 0, 1, 2]),
    pseudoLabel: Int16Array.from([1, 2, 2, 2]),
    confidence: Float32Array.from([0.5, 0.7, 0.97, 0.99]),
    lastStep: new Int32Array(n),
    timesSeen: new Int32Array(n),
    timesMasked: new Int32Array(n),
    timesMaskedWrong: new Int32Array(n),
    flips: new Int32Array(n)
  }
  const filter = { ...defaultFilter(0.95), confidentWrong: true }

  it('a fixed threshold: only the wrong label at 0.97', () => {
    expect([...filterSamples(state, filter)]).toEqual([2])
    expect(summarizeSamples(state, 0.95).confidentWrong).toBe(1)
  })

  it('FlexMatch-style per-class thresholds: class 1 at 0.4 lets the 0.5 one count, class 2 at 0.8 keeps the 0.7 one out', () => {
    const rule = { kind: 'class-thresholds' as const, thresholds: [0.9, 0.4, 0.8] }
    expect([...filterSamples(state, { ...filter, rule })]).toEqual([0, 2])
    expect(summarizeSamples(state, rule).confidentWrong).toBe(2)
  })

  it('SoftMatch weights: full weight at confidence >= the mean 0.6', () => {
    const rule = { kind: 'weights' as const, mean: 0.6, variance: 0.01, nSigma: 2, alignment: null }
    expect([...filterSamples(state, { ...filter, rule })]).toEqual([1, 2])
  })
})

describe('short-run note for the confidence EMA', () => {
  it('warns FreeMatch and SoftMatch runs shorter than 3 x 1/(1 - momentum) steps, not the others', () => {
    const base = { steps: 600, model: { bnMomentum: 0.9 }, ema: { enabled: false, decay: 0.95 } } as const
    const notes = (name: 'freematch' | 'softmatch' | 'fixmatch', emaMomentum: number) =>
      shortRunNotes({ ...base, model: { ...base.model, arch: 'small-cnn', leakySlope: 0.1 }, algorithm: { name, emaMomentum } })
    // Horizon 1000 steps > 600 / 3; the largest fitting momentum is floor((1 - 3/600) * 100) / 100 = 0.99.
    expect(notes('freematch', 0.999)).toEqual([{ kind: 'confidence', steps: 600, rate: 0.999, horizon: 1000, fitting: 0.99 }])
    expect(notes('softmatch', 0.999)).toHaveLength(1)
    expect(notes('softmatch', 0.99)).toEqual([])
    expect(notes('fixmatch', 0.999)).toEqual([])
  })
})
