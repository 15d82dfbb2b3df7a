// UDA (U = microsoft/Semi-supervised-learning @1ef4cbe; uda/uda.py). Soft targets under a
// confidence mask, and Training Signal Annealing (TSA) on the labeled loss:
//   p = softmax(logits_w)                                                  (uda.py:82)
//   mask = max p >= p_cutoff (FixedThresholdingHook, hooks/masking.py:55-56; uda.py:89)
//   targets q = softmax(logits_w / T); Lu = mean_b mask CE(logits_s, q)     (uda.py:92-101)
//   TSA: at progress t = it / num_train_iter (it 0-based),                  (uda.py:112-126)
//     a(t) = t (linear), e^(5(t-1)) (exp), 1 - e^(-5t) (log); tsa = a(t)(1 - 1/K) + 1/K;
//     'none': tsa = 1. A labeled sample trains only when max softmax(logits_x) <= tsa,
//     Lx = mean_b sup_mask CE(logits_x, y)                                  (uda.py:75-78)
// As a PseudoLabelRule: a plain threshold at p_cutoff on the weak view's max probability, so
// the diagnostics count what the mask trains on; the pseudo-label is the argmax of q.
// Where it departs from USB at 1ef4cbe (docs/guide/algorithms.md, UDA): uda.py:92-96 passes
// the probabilities with softmax=False, so PseudoLabelingHook returns them unsharpened and T
// is unused; this follows the UDA paper and USB before that refactor (8a0710c uda.py:75-78,
// softmax(logits_w / T)), as the settings' T says.
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { applyRule, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { sharpen } from './soft-targets'
import { z } from 'zod'
import { defineAlgorithm } from './definition'

/** UDA's Training Signal Annealing schedules (USB uda.py TSA). */
export const TSA_SCHEDULES = ['none', 'linear', 'exp', 'log'] as const
export type TsaSchedule = (typeof TSA_SCHEDULES)[number]

export interface UdaSettings {
  /** USB T. */
  temperature: number
  /** USB p_cutoff. */
  cutoff: number
  tsaSchedule: TsaSchedule
  numClasses: number
  /** USB num_train_iter. */
  totalSteps: number
}

/** USB UDA.TSA: the largest max-probability a labeled sample may have and still train. */
export function tsaThreshold(schedule: TsaSchedule, it: number, totalSteps: number, numClasses: number): number {
  const t = it / totalSteps
  let a: number
  switch (schedule) {
    case 'none':
      return 1
    case 'linear':
      a = t
      break
    case 'exp':
      a = Math.exp((t - 1) * 5)
      break
    case 'log':
      a = 1 - Math.exp(-t * 5)
      break
  }
  return a * (1 - 1 / numClasses) + 1 / numClasses
}

/** USB's sup_mask: 1 where max p <= tsa (compared in float32, as torch does). */
export function tsaWeights(probs: Float32Array, numClasses: number, tsa: number): Float32Array {
  const cut = Math.fround(tsa)
  const out = new Float32Array(probs.length / numClasses)
  for (let i = 0; i < out.length; i++) {
    let top = 0
    for (let c = 0; c < numClasses; c++) top = Math.max(top, probs[i * numClasses + c])
    out[i] = top <= cut ? 1 : 0
  }
  return out
}

export class UdaStrategy implements MaskStrategy {
  readonly name = 'uda' as const
  readonly readsTemperature = false
  readonly forward = 'weak-strong' as const

  constructor(readonly settings: UdaSettings) {}

  rule(): PseudoLabelRule {
    return { kind: 'threshold', threshold: this.settings.cutoff }
  }

  unsupScale(): number {
    return 1
  }

  /** TSA's per-sample weights of Lx at this (1-based) step; null without annealing (all 1). */
  labeledWeights(probs: Float32Array, _labels: Int32Array, step: number): Float32Array | null {
    const { tsaSchedule, totalSteps, numClasses } = this.settings
    if (tsaSchedule === 'none') return null
    return tsaWeights(probs, numClasses, tsaThreshold(tsaSchedule, step - 1, totalSteps, numClasses))
  }

  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses } = input
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(probs, numClasses)
    const rule = this.rule()
    const applied = applyRule(rule, confidence, pseudo)
    return { pseudo, confidence, ...applied, rule, targets: sharpen(probs, numClasses, this.settings.temperature) }
  }

  /** Stateless: TSA reads only the step and the planned length. */
  getState(): StrategyState {
    return {}
  }

  setState(): void {}
}

/** UDA (U uda.py get_argument, config/classic_cv/uda): T 0.4, p_cutoff 0.8, tsa_schedule none. */
export const definition = defineAlgorithm({
  name: 'uda',
  title: { en: 'UDA', ko: 'UDA' },
  summary: 'sharpened soft targets under a confidence mask, with training-signal annealing',
  bound: false,
  settings: {
    /** USB T (0.4 in its configs): the temperature of its soft targets, softmax(logits / T). */
    udaTemperature: z.number().gt(0, 'udaTemperature must be positive').default(0.4),
    /** USB p_cutoff (0.8): the confidence a weak view needs for its soft target to train. */
    udaCutoff: z.number().gt(0, 'udaCutoff must be in (0, 1]').lte(1, 'udaCutoff must be in (0, 1]').default(0.8),
    /** USB tsa_schedule ('none' in its configs): Training Signal Annealing of the labeled loss. */
    tsaSchedule: z.enum(TSA_SCHEDULES).default('none')
  },
  settingMeta: {
    udaTemperature: {
      label: { en: 'Soft-target temperature', ko: '소프트 타깃 온도' },
      help: { en: 'UDA: temperature T of its soft targets softmax(logits / T); lower is sharper', ko: 'UDA: 소프트 타깃 softmax(logits / T)의 온도 T. 낮을수록 더 날카로워집니다' },
      docs: 'UDA: temperature T of its soft targets softmax(logits_w / T) (USB `T`, 0.4).',
      step: 0.1
    },
    udaCutoff: {
      label: { en: 'Confidence cutoff', ko: '신뢰도 기준값' },
      help: { en: 'UDA: an unlabeled image trains only when its top probability on the weak view reaches this', ko: 'UDA: 약한 증강 이미지의 최대 확률이 이 값 이상일 때만 레이블 없는 이미지가 학습에 쓰입니다' },
      docs: 'UDA: a weak view trains only when its max softmax(logits) reaches this (USB `p_cutoff`, 0.8).',
      step: 0.01
    },
    tsaSchedule: {
      label: { en: 'Training signal annealing', ko: '학습 신호 어닐링(TSA)' },
      help: {
        en: 'UDA: labeled images the model is already surer of than the annealing threshold leave the supervised loss; the threshold rises from 1/K to 1 over training (linear, exp: late, log: early), none turns it off',
        ko: 'UDA: 모델이 이미 어닐링 임계값보다 더 확신하는 레이블 이미지는 지도 손실에서 빠집니다. 임계값은 학습하는 동안 1/K에서 1까지 오릅니다(linear: 일정하게, exp: 늦게, log: 일찍). none이면 쓰지 않습니다'
      },
      docs: 'UDA: Training Signal Annealing; a labeled sample whose max probability exceeds the threshold 1/K + a(t)(1 - 1/K) leaves the supervised loss, a(t) at progress t being `linear` t, `exp` e^(5(t-1)), `log` 1 - e^(-5t), or `none` (no annealing; USB `tsa_schedule`, none in its configs).'
    }
  },
  reads: ['lambdaU'],
  // UDA trains on soft targets; its rule is the confidence mask on max softmax(logits_w).
  ruleKind: 'threshold',
  // A sample counts when its weak view reaches p_cutoff (udaCutoff).
  softTargets: 'always',
  // Its rule starts from its own p_cutoff, not `threshold`.
  configThreshold: (s) => s.udaCutoff,
  createStrategy: (s, context) =>
    new UdaStrategy({ temperature: s.udaTemperature, cutoff: s.udaCutoff, tsaSchedule: s.tsaSchedule, numClasses: context.numClasses, totalSteps: context.totalSteps })
})
