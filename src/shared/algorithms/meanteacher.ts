// Mean Teacher (Tarvainen & Valpola 2017; U = microsoft/Semi-supervised-learning, meanteacher/meanteacher.py:36-76).
// Pi-Model's consistency (pimodel.ts), with the weak view's target from the teacher, the EMA of
// the student's parameters:
//   labeled forward                                                                      (meanteacher.py:40-42)
//   teacher: EMA parameters, current buffers (EMA.apply_shadow, core/utils/misc.py:160-163),
//     forwards the weak view under no_grad with BN running stats frozen                 (meanteacher.py:44-51)
//   student: the second weak view with BN running stats frozen                          (meanteacher.py:53-57)
//   Lu = mean_b mean_c (softmax(logits_x_ulb_s) - softmax(teacher logits))^2             (meanteacher.py:62-65)
//   loss = Lx + lambda_u Lu clip(it / (unsup_warm_up num_train_iter), 0, 1)              (meanteacher.py:68-69)
//   EMA after every step: d shadow + (1 - d) theta, d = ema_m (misc.py:152-155; hooks/ema.py:20-24)
// The teacher is the run's model EMA (config.ema; ParamEma in the engine), as USB's ema_m serves
// both evaluation and the teacher; a Mean Teacher config without one is refused.
// Where it departs from USB at 1ef4cbe (docs/guide/algorithms.md, Mean Teacher): meanteacher.py:55
// there reads `logits_x_ulb_s = outs_x_ulb_w['logits']`, the teacher's no-grad logits, so Lu has no
// gradient and Mean Teacher trains as supervised. This follows release 0.3.1 (4595a7c, line 55:
// outs_x_ulb_s['logits']) and the paper: the student's logits on the second weak view.
import { defineAlgorithm, type AlgorithmRefusal } from './definition'
import { NO_MASK_RULE, PiModelStrategy } from './pimodel'

export class MeanTeacherStrategy extends PiModelStrategy {
  override readonly name = 'meanteacher' as const
  readonly teacher = 'ema' as const
}

/** A Mean Teacher config that keeps no model EMA has no teacher: refused, or null. */
export function meanTeacherRefusal(config: { ema: { enabled: boolean } }): AlgorithmRefusal | null {
  if (config.ema.enabled) return null
  return { path: 'ema.enabled', message: "meanteacher's teacher is the model's EMA (ema.decay, USB ema_m): set ema.enabled to true" }
}

/** Mean Teacher (U meanteacher.py get_argument, config/classic_cv/meanteacher: unsup_warm_up 0.4, lambda_u 50, uratio 1, ema_m 0.999). */
export const definition = defineAlgorithm({
  name: 'meanteacher',
  title: { en: 'Mean Teacher', ko: 'Mean Teacher' },
  summary: "Tarvainen & Valpola 2017: Pi-Model with the EMA model's weak view as the target, as in USB 0.3.1",
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['lambdaU', 'unsupWarmup'],
  ruleKind: 'threshold',
  // Every sample counts: no mask, every teacher's target trains.
  softTargets: 'always',
  // No mask: the rule is a threshold at 0, whatever `threshold` says.
  configThreshold: () => NO_MASK_RULE.threshold,
  // U config/classic_cv/meanteacher: uratio 1, lambda_u 50 (ema_m 0.999 is the run's ema.decay).
  recipe: { mu: 1, lambdaU: 50 },
  refusal: meanTeacherRefusal,
  createStrategy: (s, context) => new MeanTeacherStrategy(s.unsupWarmup, context.totalSteps)
})
