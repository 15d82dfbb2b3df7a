// Oracle ablations (issue 27): the only place training reads the hidden true labels of the
// unlabeled batch, and only when the config asks for an ablation. The trainer builds an
// ablation (with the batch's true labels) for ablation runs alone; a run with mode none never
// hands the step a way to reach them.
//
// "Counts under the rule" here means "enters the unlabeled loss": weight > 0. For the
// threshold rules (FixMatch, Pseudo-Label, FlexMatch, FreeMatch) that is exactly
// counts() of shared/pseudo-label-rule (weight 1, mask 1). For SoftMatch's weights every
// sample has some weight, and the step's confidentWrong diagnostic is the weight on wrong
// pseudo-labels (useSummary); taking out every wrong one with weight > 0 removes exactly
// what that diagnostic counts.
//
// The ablation edits only the loss's targets and weights. The strategy has already updated
// its state (FlexMatch's per-sample labels, FreeMatch's and SoftMatch's EMAs) from its own
// pseudo-labels inside compute(): the rule stays the rule as configured, with the wrong
// labels taken out of Lu. FreeMatch's fairness loss keeps the rule's own mask.
import type { Ablation } from '../../shared/config/ablation'
import { Rng, seedFor } from '../../shared/rng'
import type { MaskOutput } from '../../shared/algorithms/mask-strategy'

/** The loss targets of one step after the ablation. */
export interface AblatedTargets {
  pseudo: Int32Array
  weight: Float32Array
  /** Pseudo-labels or weights the ablation changed. */
  changed: number
}

/** What the step calls with the rule's own output; it alone holds the batch's true labels. */
export type StepAblation = (own: MaskOutput) => AblatedTargets

/** The seed of the noise mode's draws at one step: its own stream, so no other draw shifts. */
export function noiseSeed(runSeed: number, step: number): number {
  return (seedFor(runSeed, 'ablation') ^ Math.imul(step, 0x9e3779b1)) >>> 0
}

/**
 * Applies the mode to the rule's own output. noise: round(noiseRate × counted) of the
 * pseudo-labels that count, picked at random, each set to a class drawn uniformly from the
 * classes other than its true label.
 */
export function applyAblation(ablation: Ablation, own: MaskOutput, trueLabel: ArrayLike<number>, numClasses: number, rng: Rng | null = null): AblatedTargets {
  const n = own.pseudo.length
  if (trueLabel.length !== n) throw new RangeError(`ablation: ${trueLabel.length} true labels for ${n} pseudo-labels`)
  const pseudo = Int32Array.from(own.pseudo)
  const weight = Float32Array.from(own.weight)
  let changed = 0
  const enters = (i: number): boolean => own.weight[i] > 0
  switch (ablation.mode) {
    case 'none':
      break
    case 'oracle-mask':
      for (let i = 0; i < n; i++) {
        if (enters(i) && pseudo[i] !== trueLabel[i]) {
          weight[i] = 0
          changed++
        }
      }
      break
    case 'oracle-correct':
      for (let i = 0; i < n; i++) {
        if (enters(i) && pseudo[i] !== trueLabel[i]) {
          pseudo[i] = trueLabel[i]
          changed++
        }
      }
      break
    case 'oracle-all':
      for (let i = 0; i < n; i++) {
        if (pseudo[i] !== trueLabel[i]) {
          pseudo[i] = trueLabel[i]
          changed++
        }
      }
      break
    case 'noise': {
      if (!rng) throw new Error('ablation noise needs its generator')
      const counted = Int32Array.from({ length: n }, (_, i) => i).filter(enters)
      rng.shuffle(counted)
      const flips = Math.round(ablation.noiseRate * counted.length)
      for (let k = 0; k < flips && numClasses > 1; k++) {
        const i = counted[k]
        const y = trueLabel[i]
        // Uniform over the numClasses - 1 classes other than y.
        const draw = rng.int(0, numClasses - 1)
        const wrong = draw >= y ? draw + 1 : draw
        if (wrong !== pseudo[i]) changed++
        pseudo[i] = wrong
      }
      break
    }
    default: {
      const never: never = ablation.mode
      throw new Error(`unknown ablation mode ${String(never)}`)
    }
  }
  return { pseudo, weight, changed }
}

/** The step's ablation for one batch: true labels and (noise) the step's own generator. */
export function stepAblation(ablation: Ablation, trueLabel: Int32Array, numClasses: number, runSeed: number, step: number): StepAblation {
  return (own) => applyAblation(ablation, own, trueLabel, numClasses, ablation.mode === 'noise' ? new Rng(noiseSeed(runSeed, step)) : null)
}
