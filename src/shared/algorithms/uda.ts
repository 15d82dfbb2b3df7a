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
import type { TsaSchedule } from '../config/experiment-config'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { applyRule, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { sharpen } from './soft-targets'

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
