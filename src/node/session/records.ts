// Validators for the log records. JSON has no NaN or Infinity (JSON.stringify writes null),
// so a diverged loss comes back as null: numeric fields accept null and read it as NaN.
import { z } from 'zod'
import type { EvalRecord, StepMetrics, SweepRecord } from '../../shared/metrics'
import type { Validate } from './jsonl'

const num = z.number().nullable().transform((v) => v ?? Number.NaN)
const opt = z.number().nullable()
const step = z.number().int().min(0)
const counts = z.array(z.number())

export const StepMetricsSchema = z.looseObject({
  step,
  time: num,
  segment: z.number().int().min(0),
  lr: num,
  lossX: num,
  lossU: num,
  loss: num,
  plAccAll: num,
  maskRate: num,
  plAccMasked: opt,
  confidentWrong: num,
  maskedCount: num,
  unlabeledBatch: num,
  meanConfidence: num,
  stepMs: num,
  classPseudo: counts,
  classTrue: counts,
  classCorrect: counts
})

export const EvalRecordSchema = z.looseObject({
  step,
  time: num,
  testAcc: num,
  testLoss: num,
  emaTestAcc: opt,
  emaTestLoss: opt,
  testSamples: num
})

export const SweepRecordSchema = z.looseObject({
  step,
  time: num,
  model: z.enum(['raw', 'ema']),
  samples: num,
  plAccAll: num,
  maskRate: num,
  plAccMasked: opt,
  confidentWrong: num,
  thresholds: z.array(z.number()),
  thresholdMaskRate: z.array(num),
  thresholdMaskedAcc: z.array(opt),
  ece: num,
  reliability: z.looseObject({ count: counts, meanConfidence: z.array(opt), accuracy: z.array(opt) }),
  confusion: z.array(counts),
  precision: z.array(opt),
  recall: z.array(opt)
})

function validator<T>(schema: z.ZodType<T, unknown>): Validate<T> {
  return (value) => {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    throw new Error(`${issue.path.map(String).join('.') || 'record'}: ${issue.message}`)
  }
}

const STEP_NUMBERS = [
  'time', 'lr', 'lossX', 'lossU', 'loss', 'plAccAll', 'maskRate', 'confidentWrong',
  'maskedCount', 'unlabeledBatch', 'meanConfidence', 'stepMs'
] as const
const STEP_COUNTS = ['classPseudo', 'classTrue', 'classCorrect'] as const

/**
 * metrics.jsonl can hold a million lines, so this check is hand-written (several times
 * faster than the schema); it accepts exactly what StepMetricsSchema accepts.
 */
export const validateStepMetrics: Validate<StepMetrics> = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('record: expected an object')
  const r = value as Record<string, unknown>
  const step = r.step
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) throw new Error('step: expected a whole number >= 0')
  const segment = r.segment
  if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0) throw new Error('segment: expected a whole number >= 0')
  for (const key of STEP_NUMBERS) {
    const v = r[key]
    if (v === null) r[key] = Number.NaN
    else if (typeof v !== 'number') throw new Error(`${key}: expected a number`)
  }
  if (r.plAccMasked !== null && typeof r.plAccMasked !== 'number') throw new Error('plAccMasked: expected a number or null')
  for (const key of STEP_COUNTS) {
    const v = r[key]
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new Error(`${key}: expected an array of numbers`)
  }
  return r as unknown as StepMetrics
}
export const validateEvalRecord: Validate<EvalRecord> = validator(EvalRecordSchema)
export const validateSweepRecord: Validate<SweepRecord> = validator(SweepRecordSchema)
