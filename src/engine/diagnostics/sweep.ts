// Full sweep over the entire unlabeled set (DESIGN.md section 5): the step diagnostics,
// a threshold sweep, calibration and per-class precision and recall. Mask rate, masked
// accuracy and confident-wrong follow the algorithm's own rule (shared/pseudo-label-rule).
import type { ReliabilityBins, SweepRecord } from '../../shared/metrics'
import { pseudoLabelsFromProbs } from '../../shared/algorithms/pseudo-labels'
import { ruleConfidences, ruleUse, useSummary, type PseudoLabelRule } from '../../shared/pseudo-label-rule'

export const SWEEP_THRESHOLDS: readonly number[] = Array.from({ length: 50 }, (_, i) => (50 + i) / 100)
export const ECE_BINS = 15

export interface SweepInput {
  /** N x C softmax probabilities, row-major. */
  probs: Float32Array
  trueLabel: ArrayLike<number>
  /** The rule the algorithm applies now (its published rule at this sweep). */
  rule: PseudoLabelRule
  numClasses: number
  step: number
  model: 'raw' | 'ema'
  time?: number
}

/**
 * Confidences are float32, as in the trainer, so a threshold is compared as float32 too:
 * a confidence of exactly 0.95f passes a 0.95 threshold, as it does on the tensor side.
 */
export function computeSweep(input: SweepInput): SweepRecord {
  const { probs, trueLabel, numClasses } = input
  const { pseudoLabel, confidence } = pseudoLabelsFromProbs(probs, numClasses)
  const n = pseudoLabel.length
  if (trueLabel.length !== n) throw new RangeError(`sweep: ${n} rows but ${trueLabel.length} true labels`)

  const correct = new Uint8Array(n)
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0))
  let right = 0
  for (let i = 0; i < n; i++) {
    const y = trueLabel[i]
    if (y < 0 || y >= numClasses) throw new RangeError(`sweep: true label ${y} at row ${i} outside 0..${numClasses - 1}`)
    confusion[y][pseudoLabel[i]]++
    if (pseudoLabel[i] === y) {
      correct[i] = 1
      right++
    }
  }

  const used = useSummary(ruleUse(input.rule, ruleConfidences(input.rule, probs, numClasses), pseudoLabel, correct))
  const thresholdMaskRate: number[] = []
  const thresholdMaskedAcc: (number | null)[] = []
  for (const t of SWEEP_THRESHOLDS) {
    const s = maskStats(confidence, correct, t)
    thresholdMaskRate.push(n > 0 ? s.masked / n : 0)
    thresholdMaskedAcc.push(s.masked > 0 ? s.maskedCorrect / s.masked : null)
  }
  const { ece, reliability } = calibration(confidence, correct, ECE_BINS)

  const precision: (number | null)[] = []
  const recall: (number | null)[] = []
  for (let c = 0; c < numClasses; c++) {
    let predicted = 0
    let actual = 0
    for (let k = 0; k < numClasses; k++) {
      predicted += confusion[k][c]
      actual += confusion[c][k]
    }
    precision.push(predicted > 0 ? confusion[c][c] / predicted : null)
    recall.push(actual > 0 ? confusion[c][c] / actual : null)
  }

  return {
    step: input.step,
    time: input.time ?? Date.now(),
    model: input.model,
    samples: n,
    plAccAll: n > 0 ? right / n : 0,
    ...used,
    thresholds: [...SWEEP_THRESHOLDS],
    thresholdMaskRate,
    thresholdMaskedAcc,
    ece,
    reliability,
    confusion,
    precision,
    recall,
    rule: input.rule
  }
}

function maskStats(confidence: Float32Array, correct: Uint8Array, threshold: number): { masked: number; maskedCorrect: number } {
  const t = Math.fround(threshold)
  let masked = 0
  let maskedCorrect = 0
  for (let i = 0; i < confidence.length; i++) {
    if (confidence[i] >= t) {
      masked++
      maskedCorrect += correct[i]
    }
  }
  return { masked, maskedCorrect }
}

/** Expected calibration error over equal-width bins; bin i covers [i/bins, (i+1)/bins), 1.0 in the last. */
export function calibration(
  confidence: Float32Array,
  correct: Uint8Array,
  bins: number
): { ece: number; reliability: ReliabilityBins } {
  const count = new Array<number>(bins).fill(0)
  const confSum = new Array<number>(bins).fill(0)
  const rightSum = new Array<number>(bins).fill(0)
  for (let i = 0; i < confidence.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(confidence[i] * bins)))
    count[b]++
    confSum[b] += confidence[i]
    rightSum[b] += correct[i]
  }
  const n = confidence.length
  let ece = 0
  const meanConfidence: (number | null)[] = []
  const accuracy: (number | null)[] = []
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) {
      meanConfidence.push(null)
      accuracy.push(null)
      continue
    }
    const conf = confSum[b] / count[b]
    const acc = rightSum[b] / count[b]
    meanConfidence.push(conf)
    accuracy.push(acc)
    ece += (count[b] / n) * Math.abs(acc - conf)
  }
  return { ece, reliability: { count, meanConfidence, accuracy } }
}
