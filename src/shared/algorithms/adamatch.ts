// AdaMatch (U = microsoft/Semi-supervised-learning @1ef4cbe; adamatch/adamatch.py,
// adamatch/utils.py AdaMatchThresholdingHook, hooks/dist_align.py DistAlignEMAHook with
// p_target_type 'model'). Per step, on softmax(logits) of the labeled and weak views:
//   p_model  <- batch mean of p_ulb (first step), then m p_model + (1 - m) mean  (dist_align.py:48-51)
//   p_target <- m p_target + (1 - m) mean of p_lb, from uniform                 (dist_align.py:53-55, 64-66)
//   p~        = normalize(p_ulb (p_target + 1e-6) / (p_model + 1e-6))           (dist_align.py:31-32)
//   cutoff    = p_cutoff * mean_b max p_lb                                      (utils.py:29-30)
//   mask      = max p~ >= cutoff; hard label argmax p~ (hard_label True)        (utils.py:31-32, adamatch.py:97-101)
//   loss      = Lx + lambda_u mean_b mask CE(logits_s, label)                   (adamatch.py:104-109)
// m is ema_p; p_cutoff is the config's threshold. The pseudo-label and its confidence are the
// aligned ones: what USB trains on. The published rule carries the alignment and the last cutoff.
import { AppError } from '../errors'
import { ruleConfidences, type PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { classMeanOfProbs, emaStep } from './batch-ema'
import { applyRule, stateNumbers, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { defineAlgorithm } from './definition'

export class AdaMatchStrategy implements MaskStrategy {
  readonly name = 'adamatch' as const
  readonly readsTemperature = false
  readonly readsLabeled = true
  readonly forward = 'weak-strong' as const
  private pModel: number[] | null = null
  private pTarget: number[]
  private cutoff: number | null = null

  constructor(
    readonly numClasses: number,
    /** USB p_cutoff: the share of the labeled batch's mean confidence a pseudo-label must reach. */
    readonly threshold: number,
    /** USB ema_p. */
    readonly momentum: number
  ) {
    this.pTarget = new Array<number>(numClasses).fill(1 / numClasses)
  }

  rule(): PseudoLabelRule {
    const threshold = this.cutoff ?? this.threshold
    if (!this.pModel) return { kind: 'threshold', threshold }
    const pModel = this.pModel
    return { kind: 'threshold', threshold, alignment: this.pTarget.map((t, c) => (t + 1e-6) / (pModel[c] + 1e-6)) }
  }

  unsupScale(_step: number): number {
    return 1
  }

  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses } = input
    const labeled = input.labeled
    if (!labeled) throw new Error('AdaMatch reads the labeled batch')
    const n = probs.length / numClasses
    const nx = labeled.labels.length
    const m = this.momentum
    if (n > 0) {
      const mean = classMeanOfProbs(probs, numClasses, n)
      this.pModel = this.pModel ? emaStep(this.pModel, mean, m) : mean
    }
    if (nx > 0) {
      this.pTarget = emaStep(this.pTarget, classMeanOfProbs(labeled.probs, numClasses, nx), m)
      const { confidence: labeledConfidence } = pseudoLabelsFromProbs(labeled.probs, numClasses)
      let mean = 0
      for (const p of labeledConfidence) mean += p / nx
      this.cutoff = this.threshold * mean
    }
    const rule = this.rule()
    const aligned = alignedProbs(rule, probs, numClasses)
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(aligned, numClasses)
    return { pseudo, confidence, ...applyRule(rule, ruleConfidences(rule, probs, numClasses), pseudo), rule }
  }

  getState(): StrategyState {
    return { pModel: this.pModel ? [...this.pModel] : null, pTarget: [...this.pTarget], cutoff: this.cutoff }
  }

  setState(state: StrategyState): void {
    try {
      const pModel = state.pModel === null ? null : stateNumbers(state.pModel, this.numClasses, 'pModel')
      const pTarget = stateNumbers(state.pTarget, this.numClasses, 'pTarget')
      const cutoff = state.cutoff === null ? null : stateNumbers(state.cutoff, null, 'cutoff')[0]
      this.pModel = pModel
      this.pTarget = pTarget
      this.cutoff = cutoff
    } catch (error) {
      throw new AppError('session-corrupt', `AdaMatch state does not fit ${this.numClasses} classes: ${(error as Error).message}`)
    }
  }
}

/** The rule's aligned probabilities, normalized per row (the raw ones without alignment). */
function alignedProbs(rule: PseudoLabelRule, probs: Float32Array, numClasses: number): Float32Array {
  const align = rule.kind === 'threshold' ? rule.alignment : undefined
  if (!align) return probs
  const out = new Float32Array(probs.length)
  for (let row = 0; row < probs.length; row += numClasses) {
    let sum = 0
    for (let c = 0; c < numClasses; c++) sum += probs[row + c] * align[c]
    for (let c = 0; c < numClasses; c++) out[row + c] = (probs[row + c] * align[c]) / sum
  }
  return out
}

/** AdaMatch (U adamatch): a relative threshold with distribution alignment. */
export const definition = defineAlgorithm({
  name: 'adamatch',
  title: { en: 'AdaMatch', ko: 'AdaMatch' },
  summary: 'a relative threshold with distribution alignment',
  bound: false,
  settings: {},
  settingMeta: {},
  reads: ['threshold', 'lambdaU', 'emaMomentum'],
  ruleKind: 'threshold',
  createStrategy: (s, context) => new AdaMatchStrategy(context.numClasses, s.threshold, s.emaMomentum)
})
