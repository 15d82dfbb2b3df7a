// FreeMatch (U freematch/utils.py FreeMatchThresholingHook, freematch.py): self-adaptive
// thresholds from EMAs (momentum ema_p) of the weak-view probabilities, updated before the
// mask, as in USB:
//   tau   <- m tau   + (1 - m) mean_b max p_b                  (global; from 1/C)
//   p~    <- m p~    + (1 - m) mean_b p_b                       (local;  from 1/C)
//   h~    <- m h~    + (1 - m) hist(argmax p) / batch           (from 1/C; fairness loss)
//   mask  =  max p_b >= tau * p~[c_b] / max_c p~[c]
// The rule reads softmax(logits) (USB; hard labels leave T unused).
import { AppError } from '../errors'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { classMeanOfProbs, emaStep } from './batch-ema'
import { applyRule, stateNumbers, type FairnessTargets, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { z } from 'zod'
import { defineAlgorithm } from './definition'

export class FreeMatchStrategy implements MaskStrategy {
  readonly name = 'freematch' as const
  readonly readsTemperature = false
  readonly forward = 'weak-strong' as const
  private timeP: number
  private pModel: number[]
  private labelHist: number[]

  constructor(
    readonly numClasses: number,
    /** USB's ema_p. */
    readonly momentum: number,
    /** USB's ent_loss_ratio: the weight of the fairness loss. */
    readonly fairnessWeight: number
  ) {
    this.timeP = 1 / numClasses
    this.pModel = new Array<number>(numClasses).fill(1 / numClasses)
    this.labelHist = new Array<number>(numClasses).fill(1 / numClasses)
  }

  /** Per-class thresholds tau * p~_c / max p~. */
  classThresholds(): number[] {
    const top = Math.max(...this.pModel)
    return this.pModel.map((p) => (this.timeP * p) / top)
  }

  rule(): PseudoLabelRule {
    return { kind: 'class-thresholds', thresholds: this.classThresholds() }
  }

  /** The fairness loss's weight, p~ and h~. */
  fairnessTargets(): FairnessTargets {
    return { weight: this.fairnessWeight, pModel: [...this.pModel], labelHist: [...this.labelHist] }
  }

  unsupScale(_step: number): number {
    return 1
  }

  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses } = input
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(probs, numClasses)
    const n = pseudo.length
    const m = this.momentum
    if (n > 0) {
      let confMean = 0
      const hist = new Array<number>(numClasses).fill(0)
      for (let i = 0; i < n; i++) {
        confMean += confidence[i] / n
        hist[pseudo[i]] += 1 / n
      }
      this.timeP = m * this.timeP + (1 - m) * confMean
      this.pModel = emaStep(this.pModel, classMeanOfProbs(probs, numClasses, n), m)
      this.labelHist = emaStep(this.labelHist, hist, m)
    }
    const rule = this.rule()
    return { pseudo, confidence, ...applyRule(rule, confidence, pseudo), rule }
  }

  getState(): StrategyState {
    return { timeP: this.timeP, pModel: [...this.pModel], labelHist: [...this.labelHist] }
  }

  setState(state: StrategyState): void {
    try {
      const [timeP] = stateNumbers(state.timeP, null, 'timeP')
      const pModel = stateNumbers(state.pModel, this.numClasses, 'pModel')
      const labelHist = stateNumbers(state.labelHist, this.numClasses, 'labelHist')
      this.timeP = timeP
      this.pModel = pModel
      this.labelHist = labelHist
    } catch (error) {
      throw new AppError('session-corrupt', `FreeMatch state does not fit ${this.numClasses} classes: ${(error as Error).message}`)
    }
  }
}

/** FreeMatch (U freematch): self-adaptive thresholds and a fairness loss. */
export const definition = defineAlgorithm({
  name: 'freematch',
  title: { en: 'FreeMatch', ko: 'FreeMatch' },
  summary: 'self-adaptive thresholds',
  bound: false,
  settings: {
    /** USB ent_loss_ratio: the weight of the self-adaptive fairness loss (0.001 in its configs). */
    fairnessWeight: z.number().min(0, 'fairnessWeight must not be negative').default(0.001)
  },
  settingMeta: {
    fairnessWeight: {
      label: { en: 'Fairness loss weight', ko: '공정성 손실 가중치' },
      help: { en: 'FreeMatch: weight of the self-adaptive fairness loss', ko: 'FreeMatch: 자기 적응 공정성 손실의 가중치' },
      docs: 'FreeMatch: weight of the self-adaptive fairness loss (USB `ent_loss_ratio`, 0.001 in its CIFAR-10 config).',
      step: 0.001
    }
  },
  reads: ['lambdaU', 'emaMomentum'],
  emaStart: 'uniform',
  ruleKind: 'class-thresholds',
  createStrategy: (s, context) => new FreeMatchStrategy(context.numClasses, s.emaMomentum, s.fairnessWeight)
})
