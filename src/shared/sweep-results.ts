// What a sweep's runs measured, and the grid comparison: one rule for the CLI's closing table
// and the app's Sweeps view.
import { z } from 'zod'
import type { EvalRecord, StepMetrics } from './metrics'

/** Per-step rates are noisy: a run's plAccAll and mask rate are means over its last steps. */
export const RESULT_WINDOW = 50

export const RunResultSchema = z.strictObject({
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  plAccAll: z.number().nullable(),
  maskRate: z.number().nullable(),
  /** The last evaluation's test accuracy (raw model), and the EMA model's when it has one. */
  testAcc: z.number().nullable(),
  emaTestAcc: z.number().nullable(),
  /** Wall-clock seconds per step over its last steps (for the sweep's ETA); absent when unknown. */
  secPerStep: z.number().optional()
})
export type RunResult = z.infer<typeof RunResultSchema>

const finiteMean = (values: number[]): number | null => {
  const ok = values.filter(Number.isFinite)
  return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : null
}

export function runResult(metrics: readonly StepMetrics[], evals: readonly EvalRecord[], totalSteps: number): RunResult {
  const recent = metrics.slice(-RESULT_WINDOW)
  const last = evals[evals.length - 1]
  return {
    step: metrics[metrics.length - 1]?.step ?? 0,
    totalSteps,
    plAccAll: finiteMean(recent.map((m) => m.plAccAll)),
    maskRate: finiteMean(recent.map((m) => m.maskRate)),
    testAcc: last && Number.isFinite(last.testAcc) ? last.testAcc : null,
    emaTestAcc: last?.emaTestAcc ?? null,
    ...secPerStep(recent)
  }
}

/** From the first to the last of the recent steps, when they are of one segment (a resume waits between segments). */
function secPerStep(recent: readonly StepMetrics[]): { secPerStep?: number } {
  const first = recent[0]
  const last = recent[recent.length - 1]
  if (!first || last.step <= first.step || first.segment !== last.segment) return {}
  const sec = (last.time - first.time) / 1000 / (last.step - first.step)
  return Number.isFinite(sec) && sec > 0 ? { secPerStep: sec } : {}
}

/** The accuracy a sweep compares: the EMA model's when the run keeps one (as FixMatch reports), else the raw model's. */
export const reportedTestAcc = (r: RunResult): number | null => r.emaTestAcc ?? r.testAcc

/** Keys that only repeat a grid point (seeds) rather than define one. */
export const isSeedKey = (key: string): boolean => key === 'seed' || key.endsWith('.seed')

export interface MeanStd {
  mean: number
  /** Sample standard deviation (n - 1); 0 for one value. */
  std: number
  n: number
}

export function meanStd(values: readonly (number | null)[]): MeanStd | null {
  const ok = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (ok.length === 0) return null
  const mean = ok.reduce((s, v) => s + v, 0) / ok.length
  const variance = ok.length > 1 ? ok.reduce((s, v) => s + (v - mean) ** 2, 0) / (ok.length - 1) : 0
  return { mean, std: Math.sqrt(variance), n: ok.length }
}

export interface GridPointSummary {
  /** "threshold=0.9", or "all" when every key is a seed. */
  label: string
  /** The non-seed grid values of this point. */
  values: Record<string, unknown>
  runIndices: number[]
  testAcc: MeanStd | null
  plAccAll: MeanStd | null
  maskRate: MeanStd | null
}

/** Groups runs by their non-seed grid values: mean ± std over seeds of each measure. */
export function summarizeGrid(runs: readonly { index: number; values: Record<string, unknown>; result: RunResult | null }[]): GridPointSummary[] {
  const groups = new Map<string, { values: Record<string, unknown>; members: typeof runs[number][] }>()
  for (const run of runs) {
    const values = Object.fromEntries(Object.entries(run.values).filter(([k]) => !isSeedKey(k)))
    const label = Object.entries(values).map(([k, v]) => `${k.split('.').pop()}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') || 'all'
    const group = groups.get(label) ?? { values, members: [] }
    group.members.push(run)
    groups.set(label, group)
  }
  return [...groups.entries()].map(([label, { values, members }]) => ({
    label,
    values,
    runIndices: members.map((m) => m.index),
    testAcc: meanStd(members.map((m) => (m.result ? reportedTestAcc(m.result) : null))),
    plAccAll: meanStd(members.map((m) => m.result?.plAccAll ?? null)),
    maskRate: meanStd(members.map((m) => m.result?.maskRate ?? null))
  }))
}

/** "83.2 ± 1.4%" (n shown when some runs have no value yet). */
export function formatMeanStd(m: MeanStd | null, runs: number): string {
  if (!m) return '-'
  const text = `${(100 * m.mean).toFixed(1)} ± ${(100 * m.std).toFixed(1)}%`
  return m.n < runs ? `${text} (n=${m.n})` : text
}
