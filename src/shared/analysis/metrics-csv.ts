// CSV of a run's scalar metrics, one row per step with the evaluations at their steps
// (RFC 4180: comma separated, CRLF line ends, quoted where needed).
import { STEP_SCALAR_KEYS, type EvalRecord, type StepMetrics } from '../metrics'

/** Every one-number field of StepMetrics, in schema order (the class count arrays are left out). */
export const STEP_CSV_COLUMNS = STEP_SCALAR_KEYS

export const EVAL_CSV_COLUMNS = ['testAcc', 'testLoss', 'emaTestAcc', 'emaTestLoss', 'testSamples'] as const satisfies readonly (keyof EvalRecord)[]

type Cell = number | string | null | undefined

/**
 * Steps are the union of metric and eval steps, ascending (an eval at a step without a
 * metrics record still gets its row). Numbers print in JavaScript's shortest round-trip
 * form; null prints as an empty cell.
 */
export function metricsToCsv(metrics: StepMetrics[], evals: EvalRecord[]): string {
  const byStep = new Map<number, StepMetrics>()
  for (const m of metrics) byStep.set(m.step, m)
  const evalByStep = new Map<number, EvalRecord>()
  for (const e of evals) evalByStep.set(e.step, e)
  const steps = [...new Set([...byStep.keys(), ...evalByStep.keys()])].sort((a, b) => a - b)

  const lines = [[...STEP_CSV_COLUMNS, ...EVAL_CSV_COLUMNS].map(csvCell).join(',')]
  for (const step of steps) {
    const m = byStep.get(step)
    const e = evalByStep.get(step)
    const cells: Cell[] = STEP_CSV_COLUMNS.map((k) => (k === 'step' ? step : m?.[k]))
    for (const k of EVAL_CSV_COLUMNS) cells.push(e?.[k])
    lines.push(cells.map(csvCell).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? String(value) : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
