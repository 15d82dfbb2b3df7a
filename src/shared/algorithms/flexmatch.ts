// FlexMatch / Curriculum Pseudo Labeling (U flexmatch/utils.py FlexMatchThresholdingHook,
// thresh_warmup on): per-class thresholds tau * M(beta_c), M(x) = x / (2 - x), where beta_c is
// the share of unlabeled samples last selected (confidence >= tau) as class c. The mask uses
// the beta of the previous step; at the start beta = 0, so every sample passes. As in USB, the
// thresholds read softmax(logits), whatever the temperature T (hard labels leave T unused).
import { AppError } from '../errors'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { applyRule, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { defineAlgorithm } from './definition'

export class FlexMatchStrategy implements MaskStrategy {
  readonly name = 'flexmatch' as const
  readonly readsTemperature = false
  readonly forward = 'weak-strong' as const
  /** Per unlabeled sample: the class it was last selected as, -1 if never. */
  private readonly selected: Int32Array
  private readonly counts: Int32Array
  private unselected: number
  private beta: Float64Array

  constructor(
    readonly threshold: number,
    readonly numClasses: number,
    readonly numUnlabeled: number
  ) {
    this.selected = new Int32Array(numUnlabeled).fill(-1)
    this.counts = new Int32Array(numClasses)
    this.unselected = numUnlabeled
    this.beta = new Float64Array(numClasses)
  }

  /** The current per-class thresholds (what the next step's mask uses). */
  classThresholds(): number[] {
    return Array.from(this.beta, (b) => this.threshold * (b / (2 - b)))
  }

  rule(): PseudoLabelRule {
    return { kind: 'class-thresholds', thresholds: this.classThresholds() }
  }

  unsupScale(_step: number): number {
    return 1
  }

  compute(input: MaskInput): MaskOutput {
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(input.probs, input.numClasses)
    const rule = this.rule()
    const applied = applyRule(rule, confidence, pseudo)
    const tau = Math.fround(this.threshold)
    for (let i = 0; i < pseudo.length; i++) {
      // Selection uses the fixed threshold (TorchSSL#41).
      if (confidence[i] >= tau) this.select(input.unlabeledPositions[i], pseudo[i])
    }
    this.updateBeta()
    return { pseudo, confidence, ...applied, rule }
  }

  private select(position: number, cls: number): void {
    const previous = this.selected[position]
    if (previous === cls) return
    if (previous === -1) this.unselected--
    else this.counts[previous]--
    this.counts[cls]++
    this.selected[position] = cls
  }

  private updateBeta(): void {
    const largestClass = Math.max(...this.counts)
    // U skips the update while a single value (all -1 at first) fills the whole table.
    if (Math.max(largestClass, this.unselected) >= this.numUnlabeled) return
    const denominator = Math.max(largestClass, this.unselected)
    this.beta = Float64Array.from(this.counts, (c) => c / denominator)
  }

  getState(): StrategyState {
    return { selected: Array.from(this.selected), beta: Array.from(this.beta) }
  }

  setState(state: StrategyState): void {
    const selected = state.selected
    const beta = state.beta
    if (!Array.isArray(selected) || selected.length !== this.numUnlabeled || !Array.isArray(beta) || beta.length !== this.numClasses) {
      throw new AppError('session-corrupt', `FlexMatch state does not fit ${this.numUnlabeled} unlabeled samples and ${this.numClasses} classes`)
    }
    this.selected.fill(-1)
    this.counts.fill(0)
    this.unselected = this.numUnlabeled
    selected.forEach((c, i) => {
      if (typeof c === 'number' && c >= 0 && c < this.numClasses) this.select(i, c)
    })
    this.beta = Float64Array.from(beta as number[])
  }
}

/** FlexMatch (U flexmatch): curriculum thresholds per class from the learning status. */
export const definition = defineAlgorithm({
  name: 'flexmatch',
  title: { en: 'FlexMatch', ko: 'FlexMatch' },
  summary: 'per-class curriculum thresholds',
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['threshold', 'lambdaU'],
  ruleKind: 'class-thresholds',
  createStrategy: (s, context) => new FlexMatchStrategy(s.threshold, context.numClasses, context.numUnlabeled)
})
