// Per-step pseudo-label diagnostics (DESIGN.md section 5). Pure: the trainer computes the
// pseudo-labels, confidences and mask without the true labels and hands them here together
// with the hidden labels, which go nowhere else.
import type { StepMetrics } from '../../shared/metrics'

export interface StepDiagnosticsInput {
  pseudoLabel: Int32Array
  confidence: Float32Array
  mask: Uint8Array
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
  let masked = 0
  let maskedCorrect = 0
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
    if (mask[i]) {
      masked++
      if (right) maskedCorrect++
    }
    confSum += confidence[i]
  }
  return {
    plAccAll: n > 0 ? correct / n : 0,
    maskRate: n > 0 ? masked / n : 0,
    plAccMasked: masked > 0 ? maskedCorrect / masked : null,
    confidentWrong: masked - maskedCorrect,
    maskedCount: masked,
    unlabeledBatch: n,
    meanConfidence: n > 0 ? confSum / n : 0,
    classPseudo,
    classTrue,
    classCorrect
  }
}
