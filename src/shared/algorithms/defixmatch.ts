// DeFixMatch, debiased FixMatch (Schmutz et al. 2022; U = microsoft/Semi-supervised-learning
// @1ef4cbe, defixmatch/defixmatch.py:48-125). FixMatch's rule, plus an anti term on the labeled
// batch that removes the bias pseudo-labels bring:
//   one forward over [x_lb | x_lb_s | x_ulb_w | x_ulb_s] (use_cat)          (defixmatch.py:53-57)
//   Lx = 1/2 (mean CE(logits_x_lb, y) + mean CE(logits_x_lb_s, y))          (defixmatch.py:76)
//   p = softmax(logits_x_ulb_w), p_lb = softmax(logits_x_lb), detached        (defixmatch.py:79-80)
//   mask = max p >= p_cutoff, mask_lb = max p_lb >= p_cutoff                   (defixmatch.py:89-90; hooks/masking.py:55-56)
//   pseudo = argmax p, anti = argmax p_lb (hard_label True)                   (defixmatch.py:93-108)
//   Lu = mean_b mask CE(logits_x_ulb_s, pseudo)                               (defixmatch.py:99-102)
//   La = mean over the labeled batch of mask_lb CE(logits_x_lb_s, anti)       (defixmatch.py:111-114)
//   loss = Lx + lambda_u (Lu - La)                                            (defixmatch.py:116)
// p_cutoff is algorithm.threshold; T is unused with hard labels, as in USB. The step does the
// forward and the losses (forward 'debiased'); this module says which rows count and with which
// labels, in the unlabeled batch (the diagnostics' rule) and in the labeled one (MaskOutput.anti).
// The labeled strong view: at 1ef4cbe no USB dataset returns x_lb_s. DeFixMatch's commit 3314042
// gave the CV labeled set strong_transform(img) (cv_datasets/datasetbase.py:88-90 there) and the
// audio and NLP collators their strong views; 639cfbf took all three out, so train_step misses
// x_lb_s and USB's DeFixMatch cannot run as committed. The engine forwards its own strong
// augmentation of the labeled images, as 3314042 and the paper do (docs/guide/algorithms.md, DeFixMatch).
import { defineAlgorithm } from './definition'
import { FixMatchStrategy } from './fixmatch'
import { applyRule, type ForwardKind, type MaskInput, type MaskOutput } from './mask-strategy'
import { pseudoLabelsFromProbs } from './pseudo-labels'

/** FixMatch's rule and state (none), with the anti term's rows of the labeled batch. */
export class DeFixMatchStrategy extends FixMatchStrategy {
  override readonly name = 'defixmatch' as const
  /** USB thresholds softmax(logits): T is not read. */
  override readonly readsTemperature = false
  override readonly forward: ForwardKind = 'debiased'
  /** The anti term reads the weak labeled view's probabilities (not its labels). */
  readonly readsLabeled = true

  override compute(input: MaskInput): MaskOutput {
    if (!input.labeled) throw new Error('defixmatch: the step gave no labeled probabilities for the anti term')
    const out = super.compute(input)
    const lb = pseudoLabelsFromProbs(input.labeled.probs, input.numClasses)
    return { ...out, anti: { pseudo: lb.pseudoLabel, weight: applyRule(out.rule, lb.confidence, lb.pseudoLabel).weight } }
  }
}

/**
 * DeFixMatch (Schmutz et al. 2022): p_cutoff is `threshold`; USB's classic-CV configs
 * (config/classic_cv/defixmatch/*.yaml) run p_cutoff 0.95, hard labels, ulb_loss_ratio 0.5, uratio 7.
 */
export const definition = defineAlgorithm({
  name: 'defixmatch',
  title: { en: 'DeFixMatch', ko: 'DeFixMatch' },
  summary: 'Schmutz et al. 2022, debiased FixMatch',
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['threshold', 'lambdaU'],
  ruleKind: 'threshold',
  recipe: { lambdaU: 0.5 },
  createStrategy: (s) => new DeFixMatchStrategy(s.threshold)
})
