import { pseudoLabelsFromProbs } from './pseudo-labels'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { applyRule, type ForwardKind, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { defineAlgorithm } from './definition'

/** FixMatch: mask = max p >= threshold (K: ge, on softmax(logits / T)), weight = mask. Stateless. */
export class FixMatchStrategy implements MaskStrategy {
  readonly name: 'fixmatch' | 'pseudolabel' | 'defixmatch' = 'fixmatch'
  readonly forward: ForwardKind = 'weak-strong'
  readonly readsTemperature: boolean = true

  constructor(readonly threshold: number) {}

  rule(): PseudoLabelRule {
    return { kind: 'threshold', threshold: this.threshold }
  }

  compute(input: MaskInput): MaskOutput {
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(input.probs, input.numClasses)
    const rule = this.rule()
    return { pseudo, confidence, ...applyRule(rule, confidence, pseudo), rule }
  }

  unsupScale(_step: number): number {
    return 1
  }

  getState(): StrategyState {
    return {}
  }

  setState(_state: StrategyState): void {}
}

/** FixMatch (Sohn et al. 2020, K's code): a fixed threshold on softmax(weak logits / T). */
export const definition = defineAlgorithm({
  name: 'fixmatch',
  title: { en: 'FixMatch', ko: 'FixMatch' },
  summary: 'Sohn et al. 2020',
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['threshold', 'temperature', 'lambdaU'],
  ruleKind: 'threshold',
  // K's FixMatch thresholds softmax(logits / T); the USB algorithms read softmax(logits).
  createStrategy: (s) => new FixMatchStrategy(s.threshold)
})
