// "What do wrong pseudo-labels cost?" (issue 27): runs of the modes none, oracle-mask and
// oracle-correct over the same training seeds, reduced to per-mode bands, the cost series
// accuracy(oracle) − accuracy(none) paired by seed with a 95% t interval, the final table,
// the per-class cost and the none run's confident-wrong counts. Pure: the CLI prints it, the
// study view renders it (its words, en and ko, live in the renderer; here a structured verdict).
import { z } from 'zod'
import { ABLATION_MODES, type AblationMode } from '../config/ablation'
import { BandPointSchema, type BandPoint } from './comparison-bands'
import { sampleStats, studentCritical } from './welch-t'

/** Confidence level of the cost intervals. */
export const COST_LEVEL = 0.95

const StatsSchema = z.object({ n: z.number().int(), mean: z.number(), std: z.number() })

/** One run of a study, as the study reader hands it over. */
export const AblationRunRecordSchema = z.object({
  mode: z.enum(ABLATION_MODES),
  seed: z.number().int(),
  status: z.string(),
  evals: z.array(z.object({ step: z.number().int(), testAcc: z.number(), emaTestAcc: z.number().nullable() })),
  /** Per training step: confidentWrong of its metrics (weight on wrong pseudo-labels that count). */
  confidentWrong: z.array(z.object({ step: z.number().int(), count: z.number() })),
  /** Per training step: plAccAll of its metrics (the seed's per-batch ratio); absent in hand-made records. */
  plAccAll: z.array(z.object({ step: z.number().int(), value: z.number() })).optional(),
  /** Per class, test accuracy at the last eval (EMA where evaluated); null when not recorded. */
  classTestAcc: z.array(z.number().nullable()).nullable(),
  /** confusion[true][pseudo] of the wrong pseudo-labels that count at the last sweep; null when not read. */
  confidentWrongConfusion: z.array(z.array(z.number())).nullable()
})
export type AblationRunRecord = z.infer<typeof AblationRunRecordSchema>

/** Paired difference of two modes over seeds, with its interval: the verdict the view puts in words. */
export const PairedCostSchema = z.object({
  step: z.number().int(),
  /** Mean over seeds of accuracy(mode) − accuracy(none). */
  cost: z.number(),
  /** The 95% t interval; null with fewer than 2 seeds. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  seeds: z.number().int(),
  /** The interval leaves out 0: the seeds tell the two modes apart. */
  apart: z.boolean()
})
export type PairedCost = z.infer<typeof PairedCostSchema>

export const AblationModeSummarySchema = z.object({
  mode: z.enum(ABLATION_MODES),
  seeds: z.array(z.number().int()),
  /** Mean ± std over seeds of the ranked accuracy at each evaluated step. */
  band: z.array(BandPointSchema),
  testAcc: StatsSchema.nullable(),
  emaTestAcc: StatsSchema.nullable(),
  /** Per class, mean over seeds at the end. */
  classTestAcc: z.array(z.number().nullable()).nullable()
})
export type AblationModeSummary = z.infer<typeof AblationModeSummarySchema>

export const AblationCostSchema = z.object({
  /** The oracle mode compared with none. */
  mode: z.enum(ABLATION_MODES),
  series: z.array(PairedCostSchema),
  /** At the last step both modes evaluated on every paired seed: the verdict. */
  final: PairedCostSchema.nullable(),
  /** Per class: mean over paired seeds of classTestAcc(mode) − classTestAcc(none) at the end. */
  perClass: z.array(z.number().nullable()).nullable()
})
export type AblationCost = z.infer<typeof AblationCostSchema>

export const AblationStudySummarySchema = z.object({
  level: z.number(),
  /** Which accuracy the bands and costs read: the EMA model's where every run evaluated it. */
  rankedBy: z.enum(['emaTestAcc', 'testAcc']),
  modes: z.array(AblationModeSummarySchema),
  costs: z.array(AblationCostSchema),
  /** The none run's confident-wrong count per step, mean over seeds. */
  confidentWrong: z.array(z.object({ step: z.number().int(), mean: z.number(), n: z.number().int() })),
  /** The none run's per-batch pseudo-label accuracy (plAccAll) per step, mean over seeds. */
  plAccAll: z.array(z.object({ step: z.number().int(), mean: z.number(), n: z.number().int() })),
  /** Mean over seeds of the none run's confident-wrong confusion[true][pseudo]. */
  confidentWrongConfusion: z.array(z.array(z.number())).nullable()
})
export type AblationStudySummary = z.infer<typeof AblationStudySummarySchema>

type RankedBy = AblationStudySummary['rankedBy']
type Eval = AblationRunRecord['evals'][number]
const ranked = (e: Eval, by: RankedBy): number => (by === 'emaTestAcc' ? (e.emaTestAcc ?? e.testAcc) : e.testAcc)

/** Mean, 95% t interval and whether it leaves out 0, of paired differences. */
export function pairedCost(step: number, diffs: readonly number[], level = COST_LEVEL): PairedCost {
  const { n, mean, std } = sampleStats(diffs)
  if (n < 2) return { step, cost: mean, low: null, high: null, seeds: n, apart: false }
  const half = (studentCritical(level, n - 1) * std) / Math.sqrt(n)
  const low = mean - half
  const high = mean + half
  return { step, cost: mean, low, high, seeds: n, apart: low > 0 || high < 0 }
}

/** Element-wise mean over rows of equal length (null entries skipped); null when there are none. */
function meanRows(rows: readonly (readonly (number | null)[])[]): (number | null)[] | null {
  if (rows.length === 0) return null
  const width = Math.max(...rows.map((r) => r.length))
  return Array.from({ length: width }, (_, c) => {
    const present = rows.map((r) => r[c]).filter((v): v is number => v !== null && v !== undefined)
    return present.length > 0 ? sampleStats(present).mean : null
  })
}

function finalOf(runs: readonly AblationRunRecord[], key: 'testAcc' | 'emaTestAcc'): z.infer<typeof StatsSchema> | null {
  const values = runs.map((r) => r.evals.at(-1)?.[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return values.length > 0 ? sampleStats(values) : null
}

function modeSummary(mode: AblationMode, runs: readonly AblationRunRecord[], by: RankedBy): AblationModeSummary {
  const steps = new Map<number, number[]>()
  for (const run of runs) for (const e of run.evals) steps.set(e.step, [...(steps.get(e.step) ?? []), ranked(e, by)])
  const band: BandPoint[] = [...steps.entries()].sort(([a], [b]) => a - b).map(([step, values]) => ({ step, ...sampleStats(values) }))
  const classRows = runs.map((r) => r.classTestAcc).filter((r): r is (number | null)[] => r !== null)
  return { mode, seeds: runs.map((r) => r.seed), band, testAcc: finalOf(runs, 'testAcc'), emaTestAcc: finalOf(runs, 'emaTestAcc'), classTestAcc: meanRows(classRows) }
}

function costOf(mode: AblationMode, none: readonly AblationRunRecord[], other: readonly AblationRunRecord[], by: RankedBy): AblationCost {
  const pairs = other.flatMap((o) => {
    const n = none.find((r) => r.seed === o.seed)
    return n ? [{ none: n, other: o }] : []
  })
  const diffsAt = new Map<number, number[]>()
  for (const { none: n, other: o } of pairs) {
    const base = new Map(n.evals.map((e) => [e.step, ranked(e, by)]))
    for (const e of o.evals) {
      const b = base.get(e.step)
      if (b !== undefined) diffsAt.set(e.step, [...(diffsAt.get(e.step) ?? []), ranked(e, by) - b])
    }
  }
  const series = [...diffsAt.entries()].sort(([a], [b]) => a - b).map(([step, diffs]) => pairedCost(step, diffs))
  const complete = series.filter((p) => p.seeds === pairs.length)
  const classDiffs = pairs.flatMap(({ none: n, other: o }) =>
    n.classTestAcc && o.classTestAcc ? [o.classTestAcc.map((v, c) => (v === null || n.classTestAcc?.[c] == null ? null : v - (n.classTestAcc[c] as number)))] : []
  )
  return { mode, series, final: complete.at(-1) ?? null, perClass: meanRows(classDiffs) }
}

/**
 * The study's summary from its runs (any order). Modes in ABLATION_MODES order; a cost for
 * every mode other than none that has a none run on a shared seed.
 */
export function summarizeAblationStudy(records: readonly AblationRunRecord[]): AblationStudySummary {
  const rankedBy: RankedBy = records.length > 0 && records.every((r) => r.evals.every((e) => e.emaTestAcc !== null)) ? 'emaTestAcc' : 'testAcc'
  const present = ABLATION_MODES.filter((m) => records.some((r) => r.mode === m))
  const byMode = (m: AblationMode): AblationRunRecord[] => records.filter((r) => r.mode === m).sort((a, b) => a.seed - b.seed)
  const none = byMode('none')
  const costs = none.length > 0 ? present.filter((m) => m !== 'none').map((m) => costOf(m, none, byMode(m), rankedBy)) : []
  const confidentWrong = meanPerStep(none.map((run) => run.confidentWrong.map(({ step, count }) => ({ step, value: count }))))
  const plAccAll = meanPerStep(none.map((run) => run.plAccAll ?? []))
  const matrices = none.map((r) => r.confidentWrongConfusion).filter((m): m is number[][] => m !== null)
  const confidentWrongConfusion =
    matrices.length > 0 ? matrices[0].map((row, t) => row.map((_, p) => matrices.reduce((s, m) => s + (m[t]?.[p] ?? 0), 0) / matrices.length)) : null
  return { level: COST_LEVEL, rankedBy, modes: present.map((m) => modeSummary(m, byMode(m), rankedBy)), costs, confidentWrong, plAccAll, confidentWrongConfusion }
}

/** Per step, the mean over runs of a per-step figure, and how many runs had it. */
function meanPerStep(runs: readonly (readonly { step: number; value: number }[])[]): { step: number; mean: number; n: number }[] {
  const at = new Map<number, number[]>()
  for (const run of runs) for (const { step, value } of run) at.set(step, [...(at.get(step) ?? []), value])
  return [...at.entries()].sort(([a], [b]) => a - b).map(([step, values]) => ({ step, mean: sampleStats(values).mean, n: values.length }))
}

/** The verdict on one oracle mode (oracle-mask: the cost of wrong pseudo-labels); null when unpaired. */
export function ablationVerdict(summary: AblationStudySummary, mode: AblationMode = 'oracle-mask'): PairedCost | null {
  return summary.costs.find((c) => c.mode === mode)?.final ?? null
}
