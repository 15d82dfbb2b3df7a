// One run of an algorithm comparison reduced to the figures the comparison ranks: final test
// accuracy (raw, EMA), the last full sweep's pseudo-label quantity and quality under the run's
// own rule, steps to a target accuracy, and how much of its pseudo-labels one class took.
// Pure: the CLI's table and the compare view read the same numbers.
import { z } from 'zod'
import { ALGORITHMS, isBound, type AlgorithmName } from '../config/experiment-config'
import type { EvalRecord, StepMetrics, SweepRecord } from '../metrics'

/** Steps summed per window when looking for one class's early dominance (one batch is noisy). */
export const SHARE_WINDOW_STEPS = 10
/** A run whose last sweep gives one class more than this share of its predictions ends collapsed. */
export const COLLAPSE_SHARE = 0.5

export const ClassShareSchema = z.object({
  /** Largest class's share of the pseudo-labels (argmax of the weak view) in the window. */
  share: z.number(),
  /** First step of the window. */
  step: z.number().int()
})
export type ClassShare = z.infer<typeof ClassShareSchema>

export const ComparisonRunFiguresSchema = z.object({
  algorithm: z.enum(ALGORITHMS),
  seed: z.number().int(),
  status: z.string(),
  /** Steps the run trained. */
  steps: z.number().int(),
  finalTestAcc: z.number().nullable(),
  finalEmaTestAcc: z.number().nullable(),
  /** Last full sweep under the run's rule (mean weight for SoftMatch); null for the bounds. */
  maskRate: z.number().nullable(),
  plAccMasked: z.number().nullable(),
  /** First evaluated step whose accuracy (EMA where there is one) reached the target; null: never. */
  stepsToTarget: z.number().int().nullable(),
  /** Largest class's share of the pseudo-labels over the second half of the run; null for the bounds. */
  secondHalfTopShare: z.number().nullable(),
  /** The worst window of the first half; null for the bounds. */
  worstEarlyShare: ClassShareSchema.nullable(),
  /** Largest class's share of the model's predictions over the unlabeled set at the last sweep. */
  finalTopShare: z.number().nullable(),
  /** Ends collapsed: one class takes more than COLLAPSE_SHARE of those predictions. */
  collapsed: z.boolean()
})
export type ComparisonRunFigures = z.infer<typeof ComparisonRunFiguresSchema>

export interface ComparisonRunInput {
  algorithm: AlgorithmName
  seed: number
  status: string
  metrics: readonly StepMetrics[]
  evals: readonly EvalRecord[]
  sweeps: readonly SweepRecord[]
}

/** The accuracy a comparison reads from an eval: the EMA model's where it was evaluated. */
export function rankedAccuracy(record: EvalRecord): number {
  return record.emaTestAcc ?? record.testAcc
}

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || Number.isNaN(v) ? null : v)

/** Sum of classPseudo over steps in [from, to]. */
function pseudoCounts(metrics: readonly StepMetrics[], from: number, to: number): number[] {
  const counts: number[] = []
  for (const r of metrics) {
    if (r.step < from || r.step > to) continue
    r.classPseudo.forEach((k, c) => (counts[c] = (counts[c] ?? 0) + k))
  }
  return counts
}

function topShare(counts: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + (b ?? 0), 0)
  return total > 0 ? Math.max(...counts.map((k) => k ?? 0)) / total : null
}

/** The window of the first half where one class took the largest share. */
export function worstEarlyShare(metrics: readonly StepMetrics[], steps: number): ClassShare | null {
  let worst: ClassShare | null = null
  for (let from = 1; from <= Math.floor(steps / 2); from += SHARE_WINDOW_STEPS) {
    const share = topShare(pseudoCounts(metrics, from, Math.min(from + SHARE_WINDOW_STEPS - 1, Math.floor(steps / 2))))
    if (share !== null && (worst === null || share > worst.share)) worst = { share, step: from }
  }
  return worst
}

export function comparisonRunFigures(run: ComparisonRunInput, targetAccuracy: number): ComparisonRunFigures {
  const steps = run.metrics.reduce((m, r) => Math.max(m, r.step), 0)
  const lastEval = run.evals.at(-1) ?? null
  const lastSweep = run.sweeps.at(-1) ?? null
  const bound = isBound(run.algorithm)
  const reached = run.evals.find((e) => rankedAccuracy(e) >= targetAccuracy)
  const finalTestAcc = finite(lastEval?.testAcc)
  // confusion[true][predicted]: column sums are the predictions per class.
  const predicted = lastSweep ? lastSweep.confusion.reduce<number[]>((sum, row) => row.map((k, c) => (sum[c] ?? 0) + k), []) : []
  const finalTopShare = topShare(predicted)
  return {
    algorithm: run.algorithm,
    seed: run.seed,
    status: run.status,
    steps,
    finalTestAcc,
    finalEmaTestAcc: finite(lastEval?.emaTestAcc),
    maskRate: bound ? null : finite(lastSweep?.maskRate),
    plAccMasked: bound ? null : finite(lastSweep?.plAccMasked),
    stepsToTarget: reached ? reached.step : null,
    secondHalfTopShare: bound ? null : topShare(pseudoCounts(run.metrics, Math.floor(steps / 2) + 1, steps)),
    worstEarlyShare: bound ? null : worstEarlyShare(run.metrics, steps),
    finalTopShare,
    collapsed: finalTopShare !== null && finalTopShare > COLLAPSE_SHARE
  }
}
