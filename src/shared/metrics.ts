// Records of what a run measures. Definitions: DESIGN.md section 5.
// Unlabeled true labels feed these diagnostics only, never training.
import { z } from 'zod'
import { PseudoLabelRuleSchema } from './pseudo-label-rule'

/**
 * JSON has no NaN or Infinity (JSON.stringify writes null), so a diverged loss comes back as
 * null: a measured number accepts null and reads it as NaN.
 */
export const metricNumber = z.number().nullable().transform((v) => v ?? Number.NaN)
/** A number that is null by meaning (nothing to measure), kept as null. */
export const metricOrNull = z.number().nullable()
export const metricIndex = z.number().int().min(0)
export const metricCounts = z.array(z.number())

/**
 * One record per training step (one line of metrics.jsonl). The one list of its fields:
 * every key list (CSV columns, chart series, the log reader) is derived from this schema.
 */
export const StepMetricsSchema = z.object({
  step: metricIndex,
  /** Wall-clock time, ms since the Unix epoch. */
  time: metricNumber,
  /** Segment of the session (0 for the first run, +1 on each resume). */
  segment: metricIndex,
  lr: metricNumber,
  lossX: metricNumber,
  lossU: metricNumber,
  loss: metricNumber,
  /** mean(pseudo == y) over the whole weak unlabeled batch (the seed's ratio). */
  plAccAll: metricNumber,
  /** Share of the batch the rule used: the mask rate, or for SoftMatch the mean weight. */
  maskRate: metricNumber,
  /** Accuracy over masked (above-threshold) samples, weighted for SoftMatch; null when nothing passes. */
  plAccMasked: metricOrNull,
  /** Masked (above-threshold) pseudo-labels that are wrong: they train the model on a wrong class (SoftMatch: their weight). */
  confidentWrong: metricNumber,
  maskedCount: metricNumber,
  unlabeledBatch: metricNumber,
  meanConfidence: metricNumber,
  stepMs: metricNumber,
  /** Per class c: how many got pseudo-label c, how many truly are c, how many are c and right. */
  classPseudo: metricCounts,
  classTrue: metricCounts,
  classCorrect: metricCounts,
  /** Per-class thresholds the step's rule applied (FlexMatch, FreeMatch); absent for the others and older sessions. */
  classThresholds: z.array(z.number()).optional(),
  /** Oracle ablation runs only: pseudo-labels or weights the ablation changed this step (the diagnostics above describe the algorithm's own, before it). */
  ablationChanged: z.number().optional()
})
export type StepMetrics = z.infer<typeof StepMetricsSchema>
export type StepMetricsKey = keyof StepMetrics

export const STEP_METRICS_KEYS = Object.keys(StepMetricsSchema.shape) as StepMetricsKey[]

/** The fields holding one number (or null) a step, in schema order: CSV columns, chart series. */
export type StepScalarKey = { [K in StepMetricsKey]: NonNullable<StepMetrics[K]> extends readonly unknown[] ? never : K }[StepMetricsKey]
const unwrapOptional = (t: z.ZodType): z.ZodType => (t instanceof z.ZodOptional ? (t.unwrap() as z.ZodType) : t)
export const STEP_SCALAR_KEYS = STEP_METRICS_KEYS.filter(
  (k) => !(unwrapOptional(StepMetricsSchema.shape[k]) instanceof z.ZodArray)
) as StepScalarKey[]

/** One line of evals.jsonl. */
export const EvalRecordSchema = z.object({
  step: metricIndex,
  time: metricNumber,
  testAcc: metricNumber,
  testLoss: metricNumber,
  emaTestAcc: metricOrNull,
  emaTestLoss: metricOrNull,
  testSamples: metricNumber,
  /** Per class: test accuracy of the raw and the EMA model; absent in older sessions. */
  classTestAcc: z.array(metricOrNull).optional(),
  emaClassTestAcc: z.array(metricOrNull).optional()
})
export type EvalRecord = z.infer<typeof EvalRecordSchema>

/** Bin edges are uniform over [0, 1]: bin i covers [i/n, (i+1)/n). */
export const ReliabilityBinsSchema = z.object({
  count: metricCounts,
  meanConfidence: z.array(metricOrNull),
  accuracy: z.array(metricOrNull)
})
export type ReliabilityBins = z.infer<typeof ReliabilityBinsSchema>

/** A full pass over the entire unlabeled set (one line of sweeps.jsonl; arrays in .npy files). */
export const SweepRecordSchema = z.object({
  step: metricIndex,
  time: metricNumber,
  model: z.enum(['raw', 'ema']),
  samples: metricNumber,
  plAccAll: metricNumber,
  maskRate: metricNumber,
  plAccMasked: metricOrNull,
  confidentWrong: metricNumber,
  thresholds: z.array(z.number()),
  thresholdMaskRate: z.array(metricNumber),
  thresholdMaskedAcc: z.array(metricOrNull),
  ece: metricNumber,
  reliability: ReliabilityBinsSchema,
  /** confusion[true][pseudo] */
  confusion: z.array(metricCounts),
  precision: z.array(metricOrNull),
  recall: z.array(metricOrNull),
  /** The algorithm's rule at this sweep, which maskRate, plAccMasked and confidentWrong follow; absent in older sessions (a fixed threshold). */
  rule: PseudoLabelRuleSchema.optional()
})
export type SweepRecord = z.infer<typeof SweepRecordSchema>

/**
 * Per-sample pseudo-label state for every unlabeled sample, struct-of-arrays.
 * Index i is the i-th unlabeled sample; datasetIndex maps it to the train set.
 */
export interface SampleState {
  step: number
  datasetIndex: Int32Array
  trueLabel: Int16Array
  /** -1 until first seen. */
  pseudoLabel: Int16Array
  confidence: Float32Array
  lastStep: Int32Array
  timesSeen: Int32Array
  timesMasked: Int32Array
  timesMaskedWrong: Int32Array
  flips: Int32Array
}

export const SAMPLE_STATE_FIELDS = [
  'datasetIndex',
  'trueLabel',
  'pseudoLabel',
  'confidence',
  'lastStep',
  'timesSeen',
  'timesMasked',
  'timesMaskedWrong',
  'flips'
] as const
export type SampleStateField = (typeof SAMPLE_STATE_FIELDS)[number]

/** Training progress as the run reports it. */
export interface RunProgress {
  step: number
  totalSteps: number
  stepsPerSec: number
  imagesPerSec: number
  etaSec: number | null
}
