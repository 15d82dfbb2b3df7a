// The comparison's figures on hand-made records: the early and second-half class shares,
// steps to the target, collapse from the last sweep's predictions, mean ± std over seeds, and
// the pairwise verdicts in words.
import { describe, expect, it } from 'vitest'
import { comparisonRunFigures, type ComparisonRunInput } from '../../../src/shared/analysis/comparison-run'
import { ComparisonSummarySchema, summarizeComparison } from '../../../src/shared/analysis/comparison-summary'
import type { AlgorithmName } from '../../../src/shared/config/experiment-config'
import type { EvalRecord, StepMetrics, SweepRecord } from '../../../src/shared/metrics'

/** Step `step` with classPseudo (a, b) over 2 classes. */
const step = (s: number, a: number, b: number): StepMetrics =>
  ({ step: s, classPseudo: [a, b], classTrue: [5, 5], classCorrect: [0, 0] }) as unknown as StepMetrics
const evalAt = (s: number, testAcc: number, emaTestAcc: number | null): EvalRecord => ({ step: s, time: 0, testAcc, testLoss: 1, emaTestAcc, emaTestLoss: null, testSamples: 10 })
const sweep = (confusion: number[][], maskRate = 0.5, plAccMasked: number | null = 0.9): SweepRecord =>
  ({ step: 40, model: 'ema', maskRate, plAccMasked, confusion }) as unknown as SweepRecord

function run(algorithm: AlgorithmName, seed: number, acc: number, predicted: [number, number] = [5, 5]): ComparisonRunInput {
  // Steps 1-10: class 0 takes 9 of 10; 11-20: 5 of 10; second half (21-40): 7 of 10.
  const metrics = Array.from({ length: 40 }, (_, i) => (i < 10 ? step(i + 1, 9, 1) : i < 20 ? step(i + 1, 5, 5) : step(i + 1, 7, 3)))
  return {
    algorithm,
    seed,
    status: 'finished',
    metrics,
    evals: [evalAt(10, acc - 0.2, acc - 0.1), evalAt(20, acc - 0.1, acc), evalAt(40, acc, acc + 0.01)],
    sweeps: [sweep([[predicted[0], 0], [0, predicted[1]]])]
  }
}

describe('comparison summary', () => {
  it('reads one run: shares, steps to target on the EMA accuracy, collapse from the last sweep', () => {
    const f = comparisonRunFigures(run('fixmatch', 1, 0.9), 0.9)
    expect(f).toMatchObject({ steps: 40, finalTestAcc: 0.9, finalEmaTestAcc: 0.91, maskRate: 0.5, plAccMasked: 0.9, stepsToTarget: 20, collapsed: false })
    expect(f.secondHalfTopShare).toBeCloseTo(0.7, 12)
    expect(f.worstEarlyShare).toEqual({ share: 0.9, step: 1 })
    expect(comparisonRunFigures(run('fixmatch', 1, 0.5, [10, 0]), 0.9)).toMatchObject({ finalTopShare: 1, collapsed: true, stepsToTarget: null })
    // A bound has no pseudo-labels: those figures are null, whatever the records hold.
    expect(comparisonRunFigures(run('supervised', 1, 0.6), 0.9)).toMatchObject({ maskRate: null, plAccMasked: null, secondHalfTopShare: null, worstEarlyShare: null })
  })

  it('mean ± std per algorithm and Welch verdicts the seeds can and cannot support', () => {
    const runs = [
      ...[0.9, 0.91, 0.92].map((a, i) => run('flexmatch', i + 1, a)),
      ...[0.6, 0.61, 0.62].map((a, i) => run('supervised', i + 1, a)),
      ...[0.7, 0.95, 0.8].map((a, i) => run('softmatch', i + 1, a))
    ]
    const summary = ComparisonSummarySchema.parse(summarizeComparison(runs, 0.9))
    expect(summary.rankedBy).toBe('emaTestAcc')
    const flex = summary.algorithms[0]
    expect(flex).toMatchObject({ algorithm: 'flexmatch', title: 'FlexMatch', bound: false, oracle: false, seeds: [1, 2, 3], reached: 3 })
    expect(flex.testAcc?.mean).toBeCloseTo(0.91, 12)
    expect(flex.testAcc?.std).toBeCloseTo(0.01, 12)
    expect(summary.algorithms[1]).toMatchObject({ title: 'Supervised (labeled only)', bound: true, maskRate: null, reached: 0, stepsToTarget: null })
    expect(summary.pairs.map((p) => [p.a, p.b, p.significant])).toEqual([
      ['flexmatch', 'supervised', true],
      ['flexmatch', 'softmatch', false],
      ['supervised', 'softmatch', false]
    ])
    expect(summary.pairs[0].verdict).toMatch(/^FlexMatch beats Supervised \(labeled only\) by 30\.00 points \(p = .*, 3 and 3 seeds\): the seeds tell them apart$/)
    expect(summary.pairs[1].verdict).toMatch(/^FlexMatch and SoftMatch differ by .* the seeds cannot tell them apart$/)
    expect(summary.verdict[0]).toBe('At p < 0.05, the seeds tell 1 of 3 pairs apart and cannot tell 2 apart.')
  })

  it('gives each algorithm the steps its runs trained, the longest seed, as a recipe may give it more', () => {
    const longer = (seed: number, steps: number): ComparisonRunInput => {
      const r = run('pseudolabel', seed, 0.8)
      return { ...r, metrics: [...r.metrics, ...Array.from({ length: steps - 40 }, (_, i) => step(41 + i, 7, 3))] }
    }
    const summary = summarizeComparison([run('fixmatch', 1, 0.9), longer(1, 120), longer(2, 100)], 0.9)
    expect(summary.algorithms.map((a) => [a.algorithm, a.steps])).toEqual([
      ['fixmatch', 40],
      ['pseudolabel', 120]
    ])
  })

  it('one seed: no test, and says why', () => {
    const summary = summarizeComparison([run('fixmatch', 1, 0.9), run('fullysupervised', 1, 0.99)])
    expect(summary.algorithms[1]).toMatchObject({ title: 'Fully supervised (oracle)', oracle: true })
    expect(summary.pairs[0]).toMatchObject({ t: null, p: null, significant: false })
    expect(summary.pairs[0].verdict).toContain("Welch's t needs 2 or more each")
  })
})
