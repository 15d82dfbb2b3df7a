// Step metrics as growable columns: appending a batch of records costs only the batch,
// and charts read Float64Array views without copying. Missing values are NaN.
import { STEP_SCALAR_KEYS, type EvalRecord, type StepMetrics, type StepScalarKey } from '../../../shared/metrics'

/** A column per one-number field of StepMetrics (derived from its schema). */
export const STEP_SERIES_KEYS = STEP_SCALAR_KEYS
export type StepSeriesKey = StepScalarKey

export const EVAL_SERIES_KEYS = ['step', 'time', 'testAcc', 'emaTestAcc', 'testLoss'] as const satisfies readonly (keyof EvalRecord)[]
export type EvalSeriesKey = (typeof EVAL_SERIES_KEYS)[number]

export class ColumnStore<K extends string> {
  private columns: Map<K, Float64Array>
  private size = 0

  constructor(private readonly keys: readonly K[], capacity = 1024) {
    this.columns = new Map(keys.map((k) => [k, new Float64Array(capacity)]))
  }

  get length(): number {
    return this.size
  }

  /** A view of the filled part; valid until the next append. */
  column(key: K): Float64Array {
    const col = this.columns.get(key)
    if (!col) throw new Error(`no column ${key}`)
    return col.subarray(0, this.size)
  }

  last(key: K): number {
    return this.size > 0 ? this.column(key)[this.size - 1] : Number.NaN
  }

  clear(): void {
    this.size = 0
  }

  append(rows: readonly Partial<Record<K, number | null>>[]): void {
    this.reserve(this.size + rows.length)
    for (const row of rows) {
      for (const key of this.keys) {
        const v = row[key]
        this.columns.get(key)![this.size] = typeof v === 'number' ? v : Number.NaN
      }
      this.size++
    }
  }

  private reserve(capacity: number): void {
    const current = this.columns.get(this.keys[0])!.length
    if (capacity <= current) return
    const next = Math.max(capacity, current * 2)
    for (const [key, col] of this.columns) {
      const grown = new Float64Array(next)
      grown.set(col.subarray(0, this.size))
      this.columns.set(key, grown)
    }
  }
}

export function stepStore(): ColumnStore<StepSeriesKey> {
  return new ColumnStore(STEP_SERIES_KEYS)
}

export function evalStore(): ColumnStore<EvalSeriesKey> {
  return new ColumnStore(EVAL_SERIES_KEYS, 64)
}

/** Records newer than the last stored step (events may repeat what a load already returned). */
export function newerThan<T extends { step: number }>(records: readonly T[], lastStep: number): T[] {
  return Number.isNaN(lastStep) ? [...records] : records.filter((r) => r.step > lastStep)
}

export type { EvalRecord, StepMetrics }
