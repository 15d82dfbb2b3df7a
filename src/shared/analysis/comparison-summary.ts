// An algorithm comparison over training seeds: per algorithm mean ± std of each figure, and
// for every pair Welch's t on the ranked accuracy (EMA where evaluated) with its p-value and a
// sentence saying whether the seeds can tell the two apart. The CLI prints it; the compare
// view renders it. Schema first: the type is z.infer of it.
import { z } from 'zod'
import { isOracleBound } from '../algorithms/registry'
import { ALGORITHM_TITLES } from '../config/algorithm-variants'
import { ALGORITHMS, isBound, type AlgorithmName } from '../config/experiment-config'
import { ClassShareSchema, ComparisonRunFiguresSchema, comparisonRunFigures, type ComparisonRunFigures, type ComparisonRunInput } from './comparison-run'
import { sampleStats, welchT } from './welch-t'

/** Default accuracy a run must reach for "steps to target". */
export const DEFAULT_TARGET_ACCURACY = 0.9
/** Two-sided significance level of the pairwise verdicts. */
export const SIGNIFICANCE = 0.05

const StatsSchema = z.object({ n: z.number().int(), mean: z.number(), std: z.number() })
export type Stats = z.infer<typeof StatsSchema>

export const AlgorithmSummarySchema = z.object({
  algorithm: z.enum(ALGORITHMS),
  title: z.string(),
  /** supervised or fullysupervised: a bound, not an SSL rule. */
  bound: z.boolean(),
  /** fullysupervised: trained on every label, an oracle. */
  oracle: z.boolean(),
  seeds: z.array(z.number().int()),
  /** Steps its runs trained (the longest seed): a recipe may give an algorithm more (Pseudo-Label's stepsFactor). */
  steps: z.number().int(),
  testAcc: StatsSchema.nullable(),
  emaTestAcc: StatsSchema.nullable(),
  maskRate: StatsSchema.nullable(),
  plAccMasked: StatsSchema.nullable(),
  /** Over the seeds that reached the target; `reached` of `seeds.length` did. */
  stepsToTarget: StatsSchema.nullable(),
  reached: z.number().int(),
  /** Worst over the seeds. */
  secondHalfTopShare: z.number().nullable(),
  worstEarlyShare: ClassShareSchema.extend({ seed: z.number().int() }).nullable(),
  collapsedSeeds: z.array(z.number().int()),
  runs: z.array(ComparisonRunFiguresSchema)
})
export type AlgorithmSummary = z.infer<typeof AlgorithmSummarySchema>

export const PairTestSchema = z.object({
  a: z.enum(ALGORITHMS),
  b: z.enum(ALGORITHMS),
  /** mean(a) - mean(b) of the ranked accuracy. */
  difference: z.number(),
  /** null: a side has fewer than 2 seeds. */
  t: z.number().nullable(),
  df: z.number().nullable(),
  p: z.number().nullable(),
  significant: z.boolean(),
  verdict: z.string()
})
export type PairTest = z.infer<typeof PairTestSchema>

export const ComparisonSummarySchema = z.object({
  targetAccuracy: z.number(),
  alpha: z.number(),
  /** Which accuracy the pairs and steps-to-target read. */
  rankedBy: z.enum(['emaTestAcc', 'testAcc']),
  algorithms: z.array(AlgorithmSummarySchema),
  pairs: z.array(PairTestSchema),
  /** Plain words: which differences the seeds can and cannot tell apart. */
  verdict: z.array(z.string())
})
export type ComparisonSummary = z.infer<typeof ComparisonSummarySchema>

function stats(values: readonly (number | null)[]): Stats | null {
  const present = values.filter((v): v is number => v !== null)
  return present.length > 0 ? sampleStats(present) : null
}

const points = (v: number): string => `${(100 * v).toFixed(2)} points`

type RankedBy = ComparisonSummary['rankedBy']
const rankedOf = (run: ComparisonRunFigures, by: RankedBy): number | null => (by === 'emaTestAcc' ? run.finalEmaTestAcc : run.finalTestAcc)

function summarizeAlgorithm(algorithm: AlgorithmName, runs: ComparisonRunFigures[]): AlgorithmSummary {
  const worst = runs.reduce<AlgorithmSummary['worstEarlyShare']>((w, r) => (r.worstEarlyShare && (!w || r.worstEarlyShare.share > w.share) ? { ...r.worstEarlyShare, seed: r.seed } : w), null)
  const shares = runs.map((r) => r.secondHalfTopShare).filter((v): v is number => v !== null)
  return {
    algorithm,
    title: ALGORITHM_TITLES[algorithm],
    bound: isBound(algorithm),
    oracle: isOracleBound(algorithm),
    seeds: runs.map((r) => r.seed),
    steps: Math.max(0, ...runs.map((r) => r.steps)),
    testAcc: stats(runs.map((r) => r.finalTestAcc)),
    emaTestAcc: stats(runs.map((r) => r.finalEmaTestAcc)),
    maskRate: stats(runs.map((r) => r.maskRate)),
    plAccMasked: stats(runs.map((r) => r.plAccMasked)),
    stepsToTarget: stats(runs.map((r) => r.stepsToTarget)),
    reached: runs.filter((r) => r.stepsToTarget !== null).length,
    secondHalfTopShare: shares.length > 0 ? Math.max(...shares) : null,
    worstEarlyShare: worst,
    collapsedSeeds: runs.filter((r) => r.collapsed).map((r) => r.seed),
    runs
  }
}

function pairTest(a: AlgorithmSummary, b: AlgorithmSummary, by: RankedBy, alpha: number): PairTest {
  const xa = a.runs.map((r) => rankedOf(r, by)).filter((v): v is number => v !== null)
  const xb = b.runs.map((r) => rankedOf(r, by)).filter((v): v is number => v !== null)
  const result = welchT(xa, xb)
  const difference = sampleStats(xa).mean - sampleStats(xb).mean
  if (!result) {
    const few = Math.min(xa.length, xb.length) < 2
    const verdict = few
      ? `${a.title} vs ${b.title}: not tested (${Math.min(xa.length, xb.length)} seed on one side; Welch's t needs 2 or more each)`
      : `${a.title} vs ${b.title}: not tested (every seed of both ends at the same figure, so the seeds give no estimate of the noise)`
    return { a: a.algorithm, b: b.algorithm, difference, t: null, df: null, p: null, significant: false, verdict }
  }
  const significant = result.p < alpha
  const [hi, lo] = difference >= 0 ? [a, b] : [b, a]
  const n = `${xa.length} and ${xb.length} seeds`
  const verdict = significant
    ? `${hi.title} beats ${lo.title} by ${points(Math.abs(difference))} (p = ${result.p.toPrecision(2)}, ${n}): the seeds tell them apart`
    : `${a.title} and ${b.title} differ by ${points(Math.abs(difference))} (p = ${result.p.toPrecision(2)}, ${n}): the seeds cannot tell them apart`
  return { a: a.algorithm, b: b.algorithm, difference, t: result.t, df: result.df, p: result.p, significant, verdict }
}

/** Runs grouped by algorithm, in the order they first appear. */
export function summarizeComparison(inputs: readonly ComparisonRunInput[], targetAccuracy = DEFAULT_TARGET_ACCURACY, alpha = SIGNIFICANCE): ComparisonSummary {
  const figures = inputs.map((run) => comparisonRunFigures(run, targetAccuracy))
  const order = [...new Set(figures.map((f) => f.algorithm))]
  const algorithms = order.map((name) => summarizeAlgorithm(name, figures.filter((f) => f.algorithm === name)))
  const rankedBy: RankedBy = figures.length > 0 && figures.every((f) => f.finalEmaTestAcc !== null) ? 'emaTestAcc' : 'testAcc'
  const pairs = algorithms.flatMap((a, i) => algorithms.slice(i + 1).map((b) => pairTest(a, b, rankedBy, alpha)))
  return { targetAccuracy, alpha, rankedBy, algorithms, pairs, verdict: verdictLines(pairs, alpha) }
}

function verdictLines(pairs: readonly PairTest[], alpha: number): string[] {
  const apart = pairs.filter((p) => p.significant)
  const together = pairs.filter((p) => !p.significant && p.p !== null)
  const untested = pairs.length - apart.length - together.length
  const lines = [`At p < ${alpha}, the seeds tell ${apart.length} of ${pairs.length} pairs apart and cannot tell ${together.length} apart${untested > 0 ? `; ${untested} not tested` : ''}.`]
  return [...lines, ...apart.map((p) => p.verdict), ...together.map((p) => p.verdict), ...pairs.filter((p) => p.p === null).map((p) => p.verdict)]
}
