// The bands of an algorithm comparison: per algorithm and evaluated step, the mean ± std over
// its seeds of the accuracy the comparison ranks (EMA where evaluated). Main computes them
// with the summary; the compare view draws a line for the mean and a band for ± std.
import { z } from 'zod'
import { ALGORITHMS, type AlgorithmName } from '../config/experiment-config'
import { rankedAccuracy, type ComparisonRunInput } from './comparison-run'
import { ComparisonSummarySchema } from './comparison-summary'
import { sampleStats } from './welch-t'

export const BandPointSchema = z.object({
  step: z.number().int(),
  mean: z.number(),
  /** Sample std over the seeds evaluated at this step; 0 for one seed. */
  std: z.number(),
  n: z.number().int()
})
export type BandPoint = z.infer<typeof BandPointSchema>

export const ComparisonBandSchema = z.object({
  algorithm: z.enum(ALGORITHMS),
  points: z.array(BandPointSchema)
})
export type ComparisonBand = z.infer<typeof ComparisonBandSchema>

/** What sweeps:comparison answers: the summary (table, Welch pairs) and the bands. */
export const SweepComparisonSchema = z.object({
  summary: ComparisonSummarySchema,
  bands: z.array(ComparisonBandSchema),
  /** Runs of the sweep, and how many of them have measured anything yet. */
  runs: z.number().int(),
  measured: z.number().int()
})
export type SweepComparison = z.infer<typeof SweepComparisonSchema>

/** One band per algorithm, in the order they first appear; steps ascending. */
export function comparisonBands(inputs: readonly Pick<ComparisonRunInput, 'algorithm' | 'evals'>[]): ComparisonBand[] {
  const byAlgorithm = new Map<AlgorithmName, Map<number, number[]>>()
  for (const run of inputs) {
    const steps = byAlgorithm.get(run.algorithm) ?? new Map<number, number[]>()
    byAlgorithm.set(run.algorithm, steps)
    for (const e of run.evals) {
      const v = rankedAccuracy(e)
      if (!Number.isFinite(v)) continue
      steps.set(e.step, [...(steps.get(e.step) ?? []), v])
    }
  }
  return [...byAlgorithm.entries()].map(([algorithm, steps]) => ({
    algorithm,
    points: [...steps.entries()].sort(([a], [b]) => a - b).map(([step, values]) => ({ step, ...sampleStats(values) }))
  }))
}
