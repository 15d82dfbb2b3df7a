// Validators for the log records, from the schemas in shared/metrics. Reading keeps unknown
// keys (loose), so a rewrite by this version loses nothing a newer one wrote.
import type { z } from 'zod'
import {
  EvalRecordSchema,
  STEP_METRICS_KEYS,
  StepMetricsSchema,
  SweepRecordSchema,
  metricCounts,
  metricIndex,
  metricNumber,
  metricOrNull,
  type EvalRecord,
  type StepMetrics,
  type SweepRecord
} from '../../shared/metrics'
import type { Validate } from './jsonl'

function validator<T>(schema: z.ZodType<T, unknown>): Validate<T> {
  return (value) => {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    throw new Error(`${issue.path.map(String).join('.') || 'record'}: ${issue.message}`)
  }
}

type FieldCheck = (r: Record<string, unknown>, key: string) => void

const isNumberArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number')

// One fast check per field type of StepMetricsSchema; a field of another type falls back to
// its own schema (slower, never wrong).
const FAST_CHECKS = new Map<z.ZodType, FieldCheck>([
  [metricIndex, (r, key) => {
    const v = r[key]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${key}: expected a whole number >= 0`)
  }],
  [metricNumber, (r, key) => {
    const v = r[key]
    if (v === null) r[key] = Number.NaN
    else if (typeof v !== 'number') throw new Error(`${key}: expected a number`)
  }],
  [metricOrNull, (r, key) => {
    if (r[key] !== null && typeof r[key] !== 'number') throw new Error(`${key}: expected a number or null`)
  }],
  [metricCounts, (r, key) => {
    if (!isNumberArray(r[key])) throw new Error(`${key}: expected an array of numbers`)
  }]
])

const STEP_CHECKS: [string, FieldCheck][] = STEP_METRICS_KEYS.map((key) => {
  const schema = StepMetricsSchema.shape[key] as z.ZodType
  const fast = FAST_CHECKS.get(schema)
  if (fast) return [key, fast]
  const check = validator(schema)
  return [key, (r, k) => {
    try {
      const value = check(r[k])
      // An optional field left out stays out (no key holding undefined).
      if (value !== r[k]) r[k] = value
    } catch (e) {
      const message = (e as Error).message
      throw new Error(message.startsWith('record: ') ? `${k}: ${message.slice(8)}` : `${k}.${message}`)
    }
  }]
})

/**
 * metrics.jsonl can hold a million lines, so this check runs a plain function per field
 * (several times faster than the schema); it accepts exactly what StepMetricsSchema accepts.
 */
export const validateStepMetrics: Validate<StepMetrics> = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('record: expected an object')
  const r = value as Record<string, unknown>
  for (const [key, check] of STEP_CHECKS) check(r, key)
  return r as unknown as StepMetrics
}
export const validateEvalRecord: Validate<EvalRecord> = validator(EvalRecordSchema.loose())
export const validateSweepRecord: Validate<SweepRecord> = validator(SweepRecordSchema.loose())
