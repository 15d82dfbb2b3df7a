// Per-step pseudo-label diagnostics (DESIGN.md section 5). Pure: the trainer computes the
// pseudo-labels, confidences and mask without the true labels and hands them here together
// with the hidden labels, which go nowhere else.
import type { StepMetrics } from '../../shared/metrics'

export interface StepDiagnosticsInput {
  pseudoLabel: Int32Array
  confidence: Float32Array
  mask: Uint8Array
  /** Loss weights of the rule (SoftMatch's are soft); absent: the mask. */
  weight?: Float32Array
  trueLabel: ArrayLike<number>
  numClasses: number
}

export type StepDiagnostics = Pick<
  StepMetrics,
  | 'plAccAll'
  | 'maskRate'
  | 'plAccMasked'
  | 'confidentWrong'
  | 'maskedCount'
  | 'unlabeledBatch'
  | 'meanConfidence'
  | 'classPseudo'
  | 'classTrue'
  | 'classCorrect'
>

/**
 * maskRate is the mean weight and plAccMasked and confidentWrong are weighted, so for hard
 * thresholds they are the masked share, accuracy and count, and for SoftMatch the mean
 * weight, the weighted accuracy and the weight on wrong labels; maskedCount counts the mask.
 * Class counts cover the whole weak batch (not only masked samples), like plAccAll,
 * so precision and recall over a window describe every pseudo-label the model produced.
 */
export function computeStepDiagnostics(input: StepDiagnosticsInput): StepDiagnostics {
  const { pseudoLabel, confidence, mask, trueLabel, numClasses } = input
  const n = pseudoLabel.length
  if (confidence.length !== n || mask.length !== n || trueLabel.length !== n) {
    throw new RangeError(
      `step diagnostics: lengths differ (pseudoLabel ${n}, confidence ${confidence.length}, mask ${mask.length}, trueLabel ${trueLabel.length})`
    )
  }
  const classPseudo = new Array<number>(numClasses).fill(0)
  const classTrue = new Array<number>(numClasses).fill(0)
  const classCorrect = new Array<number>(numClasses).fill(0)
  let correct = 0
  const weight = input.weight
  if (weight && weight.length !== n) throw new RangeError(`step diagnostics: ${weight.length} weights for ${n} pseudo-labels`)
  let masked = 0
  let used = 0
  let usedCorrect = 0
  let confSum = 0
  for (let i = 0; i < n; i++) {
    const p = pseudoLabel[i]
    const y = trueLabel[i]
    const right = p === y
    if (p >= 0 && p < numClasses) classPseudo[p]++
    if (y >= 0 && y < numClasses) classTrue[y]++
    if (right) {
      correct++
      if (y >= 0 && y < numClasses) classCorrect[y]++
    }
    const w = weight ? weight[i] : mask[i] ? 1 : 0
    used += w
    if (right) usedCorrect += w
    if (mask[i]) masked++
    confSum += confidence[i]
  }
  // An empty batch (the supervised bounds take none) measures nothing: NaN, written as null.
  return {
    plAccAll: n > 0 ? correct / n : Number.NaN,
    maskRate: n > 0 ? used / n : Number.NaN,
    plAccMasked: used > 0 ? usedCorrect / used : null,
    confidentWrong: used - usedCorrect,
    maskedCount: masked,
    unlabeledBatch: n,
    meanConfidence: n > 0 ? confSum / n : Number.NaN,
    classPseudo,
    classTrue,
    classCorrect
  }
}
