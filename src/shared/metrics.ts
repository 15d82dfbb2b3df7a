// Records of what a run measures. Definitions: DESIGN.md section 5.
// Unlabeled true labels feed these diagnostics only, never training.

/** One record per training step (one line of metrics.jsonl). */
export interface StepMetrics {
  step: number
  /** Wall-clock time, ms since the Unix epoch. */
  time: number
  /** Segment of the session (0 for the first run, +1 on each resume). */
  segment: number
  lr: number
  lossX: number
  lossU: number
  loss: number
  /** mean(pseudo == y) over the whole weak unlabeled batch (the seed's ratio). */
  plAccAll: number
  maskRate: number
  /** Accuracy over masked (above-threshold) samples; null when nothing passes. */
  plAccMasked: number | null
  confidentWrong: number
  maskedCount: number
  unlabeledBatch: number
  meanConfidence: number
  stepMs: number
  /** Per class c: how many got pseudo-label c, how many truly are c, how many are c and right. */
  classPseudo: number[]
  classTrue: number[]
  classCorrect: number[]
}

/** One line of evals.jsonl. */
export interface EvalRecord {
  step: number
  time: number
  testAcc: number
  testLoss: number
  emaTestAcc: number | null
  emaTestLoss: number | null
  testSamples: number
}

export interface ReliabilityBins {
  /** Bin edges are uniform over [0, 1]: bin i covers [i/n, (i+1)/n). */
  count: number[]
  meanConfidence: (number | null)[]
  accuracy: (number | null)[]
}

/** A full pass over the entire unlabeled set (one line of sweeps.jsonl; arrays in .npy files). */
export interface SweepRecord {
  step: number
  time: number
  model: 'raw' | 'ema'
  samples: number
  plAccAll: number
  maskRate: number
  plAccMasked: number | null
  confidentWrong: number
  thresholds: number[]
  thresholdMaskRate: number[]
  thresholdMaskedAcc: (number | null)[]
  ece: number
  reliability: ReliabilityBins
  /** confusion[true][pseudo] */
  confusion: number[][]
  precision: (number | null)[]
  recall: (number | null)[]
}

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
