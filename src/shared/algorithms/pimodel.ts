// Pi-Model (Laine & Aila 2017; U = microsoft/Semi-supervised-learning @1ef4cbe, pimodel/pimodel.py:35-68).
// Consistency between two weak views of each unlabeled image, with no mask:
//   labeled forward; the weak view and a second weak view with BN running stats frozen  (pimodel.py:39-51)
//   x_ulb_s is a second WEAK augmentation                          (datasets/cv_datasets/datasetbase.py:100-102)
//   Lx = mean CE(logits_x_lb, y)                                                         (pimodel.py:55)
//   target = softmax(logits_x_ulb_w), detached                                           (pimodel.py:56-58)
//   Lu = mean_b mean_c (softmax(logits_x_ulb_s) - target)^2          (consistency.py:27-29, 40: 'mse')
//   loss = Lx + lambda_u Lu clip(it / (unsup_warm_up num_train_iter), 0, 1), it from 0  (pimodel.py:61-62)
// The step forwards and takes the squared error (forward 'two-weak'); this module gives the target.
// As a PseudoLabelRule: no mask, so a threshold at 0 that every sample passes; the pseudo-label
// (diagnostics only) is the target's argmax, its confidence the target's max.
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { defineAlgorithm } from './definition'
import { applyRule, type ForwardKind, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { unsupWarmupScale } from './unsup-warmup'

/** No mask: every target trains (weight 1, times the warm-up). */
export const NO_MASK_RULE = { kind: 'threshold', threshold: 0 } as const satisfies PseudoLabelRule

export class PiModelStrategy implements MaskStrategy {
  readonly name: 'pimodel' | 'meanteacher' = 'pimodel'
  readonly readsTemperature = false
  readonly forward: ForwardKind = 'two-weak'

  constructor(
    /** USB's unsup_warm_up: the share of training the ramp takes. */
    readonly warmup: number,
    readonly totalSteps: number
  ) {}

  rule(): PseudoLabelRule {
    return NO_MASK_RULE
  }

  unsupScale(step: number): number {
    return unsupWarmupScale(step, this.warmup, this.totalSteps)
  }

  /** probs: the weak view's softmax (the teacher's, for Mean Teacher); they are the targets. */
  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses } = input
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(probs, numClasses)
    const rule = this.rule()
    return { pseudo, confidence, ...applyRule(rule, confidence, pseudo), rule, targets: Float32Array.from(probs) }
  }

  /** Stateless: the ramp reads only the step and the planned length. */
  getState(): StrategyState {
    return {}
  }

  setState(): void {}
}

/** Pi-Model (U pimodel.py get_argument, config/classic_cv/pimodel: unsup_warm_up 0.4, lambda_u 10, uratio 1). */
export const definition = defineAlgorithm({
  name: 'pimodel',
  title: { en: 'Pi-Model', ko: 'Pi-Model' },
  summary: 'Laine & Aila 2017: two weak views pulled together by squared error, no mask, as in USB',
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['lambdaU', 'unsupWarmup'],
  ruleKind: 'threshold',
  // Every sample counts: no mask, every target trains.
  softTargets: 'always',
  // No mask: the rule is a threshold at 0, whatever `threshold` says.
  configThreshold: () => NO_MASK_RULE.threshold,
  // U config/classic_cv/pimodel: uratio 1, lambda_u 10.
  recipe: { mu: 1, lambdaU: 10 },
  createStrategy: (s, context) => new PiModelStrategy(s.unsupWarmup, context.totalSteps)
})
