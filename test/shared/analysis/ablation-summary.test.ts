import { describe, expect, it } from 'vitest'
import { ablationVerdict, pairedCost, summarizeAblationStudy, type AblationRunRecord } from '../../../src/shared/analysis/ablation-summary'
import { studentCritical } from '../../../src/shared/analysis/welch-t'

/** A run evaluated at steps 10 and 20 with the given raw accuracies (no EMA). */
function run(mode: AblationRunRecord['mode'], seed: number, acc: [number, number], extra: Partial<AblationRunRecord> = {}): AblationRunRecord {
  return {
    mode,
    seed,
    status: 'finished',
    evals: [
      { step: 10, testAcc: acc[0], emaTestAcc: null },
      { step: 20, testAcc: acc[1], emaTestAcc: null }
    ],
    confidentWrong: [],
    classTestAcc: null,
    confidentWrongConfusion: null,
    ...extra
  }
}

describe('Student t critical values', () => {
  it('gives the tables\' 97.5% quantiles', () => {
    expect(studentCritical(0.95, 1)).toBeCloseTo(12.7062, 3)
    expect(studentCritical(0.95, 2)).toBeCloseTo(4.3027, 4)
    expect(studentCritical(0.95, 10)).toBeCloseTo(2.2281, 4)
    expect(studentCritical(0.99, 5)).toBeCloseTo(4.0321, 4)
  })
})

describe('ablation study summary', () => {
  const records = [
    run('none', 0, [0.5, 0.6], { confidentWrong: [{ step: 1, count: 4 }, { step: 2, count: 2 }], classTestAcc: [0.5, 0.7], confidentWrongConfusion: [[0, 2], [4, 0]] }),
    run('none', 1, [0.52, 0.62], { confidentWrong: [{ step: 1, count: 6 }, { step: 2, count: 0 }], classTestAcc: [0.6, 0.6], confidentWrongConfusion: [[0, 0], [2, 0]] }),
    run('none', 2, [0.54, 0.58], { classTestAcc: [0.4, 0.8] }),
    run('oracle-mask', 2, [0.6, 0.7], { classTestAcc: [0.6, 0.8] }),
    run('oracle-mask', 0, [0.55, 0.65], { classTestAcc: [0.6, 0.7] }),
    run('oracle-mask', 1, [0.6, 0.68], { classTestAcc: [0.7, 0.6] }),
    run('oracle-correct', 0, [0.5, 0.6]),
    run('oracle-correct', 1, [0.53, 0.6])
  ]
  const summary = summarizeAblationStudy(records)

  it('pairs the oracle with none seed by seed at every evaluated step, with a 95% t interval', () => {
    const mask = summary.costs.find((c) => c.mode === 'oracle-mask')!
    expect(mask.series.map((p) => p.step)).toEqual([10, 20])
    // Differences at step 20: 0.05, 0.06, 0.12 (seeds 0, 1, 2).
    const diffs = [0.05, 0.06, 0.12]
    const mean = (0.05 + 0.06 + 0.12) / 3
    const std = Math.sqrt(diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / 2)
    const half = (4.302652729911275 * std) / Math.sqrt(3)
    const final = mask.final!
    expect(final.step).toBe(20)
    expect(final.seeds).toBe(3)
    expect(final.cost).toBeCloseTo(mean, 12)
    expect(final.low).toBeCloseTo(mean - half, 8)
    expect(final.high).toBeCloseTo(mean + half, 8)
    expect(final.apart).toBe(mean - half > 0)
    expect(ablationVerdict(summary)).toEqual(final)
  })

  it('per-class cost is the paired mean of the class accuracies at the end', () => {
    const mask = summary.costs.find((c) => c.mode === 'oracle-mask')!
    // Class 0: 0.1, 0.1, 0.2; class 1: 0, 0, 0.
    expect(mask.perClass![0]).toBeCloseTo(0.4 / 3, 12)
    expect(mask.perClass![1]).toBeCloseTo(0, 12)
  })

  it('oracle-correct pairs only the seeds it has', () => {
    const correct = summary.costs.find((c) => c.mode === 'oracle-correct')!
    expect(correct.final!.seeds).toBe(2)
    expect(correct.final!.cost).toBeCloseTo((0 + -0.02) / 2, 12)
    expect(correct.final!.apart).toBe(false)
    expect(correct.perClass).toBeNull()
  })

  it('bands and the final table per mode; confident-wrong and its confusion from the none runs', () => {
    expect(summary.rankedBy).toBe('testAcc')
    expect(summary.modes.map((m) => m.mode)).toEqual(['none', 'oracle-mask', 'oracle-correct'])
    const none = summary.modes[0]
    expect(none.seeds).toEqual([0, 1, 2])
    expect(none.band[1].mean).toBeCloseTo(0.6, 12)
    expect(none.testAcc!.mean).toBeCloseTo(0.6, 12)
    expect(none.testAcc!.std).toBeCloseTo(0.02, 12)
    expect(none.emaTestAcc).toBeNull()
    expect(summary.confidentWrong).toEqual([
      { step: 1, mean: 5, n: 2 },
      { step: 2, mean: 1, n: 2 }
    ])
    expect(summary.confidentWrongConfusion).toEqual([
      [0, 1],
      [3, 0]
    ])
  })

  it('one seed gives a cost with no interval, never "apart"', () => {
    const one = summarizeAblationStudy([run('none', 0, [0.5, 0.6]), run('oracle-mask', 0, [0.7, 0.9])])
    expect(ablationVerdict(one)).toEqual({ step: 20, cost: expect.closeTo(0.3, 12), low: null, high: null, seeds: 1, apart: false })
  })

  it('equal differences on every seed are apart from 0 with a point interval', () => {
    expect(pairedCost(5, [0.1, 0.1, 0.1])).toMatchObject({ low: expect.closeTo(0.1, 12), high: expect.closeTo(0.1, 12), apart: true })
    expect(pairedCost(5, [0, 0])).toMatchObject({ cost: 0, apart: false })
  })

  it('reads EMA accuracy when every run evaluated it', () => {
    const ema = (r: AblationRunRecord, v: number): AblationRunRecord => ({ ...r, evals: r.evals.map((e) => ({ ...e, emaTestAcc: v })) })
    const s = summarizeAblationStudy([ema(run('none', 0, [0.1, 0.1]), 0.5), ema(run('oracle-mask', 0, [0.1, 0.1]), 0.75)])
    expect(s.rankedBy).toBe('emaTestAcc')
    expect(ablationVerdict(s)!.cost).toBeCloseTo(0.25, 12)
  })
})
