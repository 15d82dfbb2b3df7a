// EMA threshold: the worked example of docs/guide/your-algorithm.md ("Your own algorithm in one
// file"). It is not a published algorithm and not in USB: a small, honest thresholding rule that
// keeps state, written to show every part a new algorithm has. FixMatch's loss and forward, with
// the threshold following the model's own confidence:
//   tau_t = clip(e_{t-1}, floor, tau)             the mask's cut at step t
//   mask  = max p_b >= tau_t                       on softmax(logits_w), hard labels argmax p_b
//   e_t   = m e_{t-1} + (1 - m) mean_b max p_b     after the mask; e_0 = tau (step 1 is FixMatch's)
// tau is the shared `threshold` (the ceiling), m the shared `emaMomentum`, floor its own setting.
// The mask reads the EMA from before the batch, so rule() is exactly what the next step applies.
// Close to FreeMatch's global threshold (an EMA of the mean max probability, freematch.ts), without
// its class-wise factors and clipped to [floor, tau]; docs/guide/your-algorithm.md says what it is for.
import { z } from 'zod'
import { AppError } from '../errors'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { defineAlgorithm } from './definition'
import { applyRule, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { pseudoLabelsFromProbs } from './pseudo-labels'

export interface EmaThresholdSettings {
  /** The ceiling tau, where the EMA starts (the shared threshold). */
  ceiling: number
  /** The lowest cut the EMA may set. */
  floor: number
  /** The EMA's momentum m (the shared emaMomentum). */
  momentum: number
}

export class EmaThresholdStrategy implements MaskStrategy {
  readonly name = 'emathreshold' as const
  readonly readsTemperature = false
  readonly forward = 'weak-strong' as const
  private ema: number

  constructor(readonly settings: EmaThresholdSettings) {
    this.ema = settings.ceiling
  }

  /** The cut the next batch is masked at: the EMA clipped to [floor, ceiling]. */
  threshold(): number {
    const { floor, ceiling } = this.settings
    return Math.min(ceiling, Math.max(floor, this.ema))
  }

  rule(): PseudoLabelRule {
    return { kind: 'threshold', threshold: this.threshold() }
  }

  unsupScale(): number {
    return 1
  }

  compute(input: MaskInput): MaskOutput {
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(input.probs, input.numClasses)
    const rule = this.rule()
    const out = { pseudo, confidence, ...applyRule(rule, confidence, pseudo), rule }
    if (pseudo.length > 0) {
      let mean = 0
      for (const c of confidence) mean += c / confidence.length
      const m = this.settings.momentum
      this.ema = m * this.ema + (1 - m) * mean
    }
    return out
  }

  getState(): StrategyState {
    return { ema: this.ema }
  }

  setState(state: StrategyState): void {
    const ema = state.ema
    if (typeof ema !== 'number' || !Number.isFinite(ema)) throw new AppError('session-corrupt', 'EMA threshold state: ema must be a finite number')
    this.ema = ema
  }
}

/** What the app knows of it: its name, titles, setting, rule kind and strategy (registry.ts lists it). */
export const definition = defineAlgorithm({
  name: 'emathreshold',
  title: { en: 'EMA threshold (guide example)', ko: 'EMA 임계값 (가이드 예제)' },
  summary: "the researcher guide's example, not a published algorithm: FixMatch with a threshold that follows an EMA of the batch's mean confidence, clipped to [`thresholdFloor`, `threshold`]",
  bound: false,
  settings: {
    /** The lowest cut the EMA may set; 0.7 is a guess, not tuned. It may not exceed `threshold` (refusal below). */
    thresholdFloor: z.number().gt(0, 'thresholdFloor must be in (0, 1]').lte(1, 'thresholdFloor must be in (0, 1]').default(0.7)
  },
  settingMeta: {
    thresholdFloor: {
      label: { en: 'Threshold floor', ko: '임계값 하한' },
      help: {
        en: 'EMA threshold: the cut follows the average top probability of recent batches, from τ down to this floor at the lowest',
        ko: 'EMA 임계값: 기준값이 최근 배치의 평균 최대 확률을 따라가며, τ에서 시작해 이 하한 아래로는 내려가지 않습니다'
      },
      docs: "EMA threshold (the guide's example): the lowest cut its EMA of the batch's mean max probability may set; it starts at `threshold` and never goes above it.",
      step: 0.01
    }
  },
  reads: ['threshold', 'lambdaU', 'emaMomentum'],
  ruleKind: 'threshold',
  // A floor above the ceiling would leave FixMatch at tau without saying so.
  refusal: ({ algorithm: a }) =>
    a.thresholdFloor > a.threshold ? { path: 'algorithm.thresholdFloor', message: `thresholdFloor ${a.thresholdFloor} must not exceed threshold ${a.threshold}, the ceiling its EMA starts from` } : null,
  createStrategy: (s) => new EmaThresholdStrategy({ ceiling: s.threshold, floor: s.thresholdFloor, momentum: s.emaMomentum })
})
