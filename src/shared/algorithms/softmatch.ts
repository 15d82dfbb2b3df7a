// SoftMatch (U softmatch/softmatch.py, utils.py SoftMatchWeightingHook; DistAlignEMAHook with
// a uniform target). Per step, on the weak-view softmax(logits):
//   p_model <- batch mean (first step), then m p_model + (1 - m) batch mean
//   p_al     = normalize(p * (1/C + 1e-6) / (p_model + 1e-6))
//   mu      <- m mu  + (1 - m) mean_b max p_al          (from 1/C)
//   var     <- m var + (1 - m) var_b(max p_al), unbiased (from 1)
//   w        = exp(-min(max p_al - mu, 0)^2 / (2 var / n_sigma^2))
// The pseudo-label is the argmax of the raw probabilities, not the aligned ones.
import { AppError } from '../errors'
import { ruleConfidences, type PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { classMeanOfProbs, emaStep } from './batch-ema'
import { applyRule, stateNumbers, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { z } from 'zod'
import { defineAlgorithm } from './definition'

export class SoftMatchStrategy implements MaskStrategy {
  readonly name = 'softmatch' as const
  readonly readsTemperature = false
  readonly forward = 'weak-strong' as const
  private pModel: number[] | null = null
  private mu: number
  private variance = 1

  constructor(
    readonly numClasses: number,
    /** USB's ema_p, for the alignment and the weight statistics alike. */
    readonly momentum: number,
    readonly nSigma: number,
    readonly distAlign: boolean
  ) {
    this.mu = 1 / numClasses
  }

  rule(): PseudoLabelRule {
    const target = 1 / this.numClasses + 1e-6
    const alignment = this.distAlign ? Array.from({ length: this.numClasses }, (_, c) => target / ((this.pModel?.[c] ?? 1 / this.numClasses) + 1e-6)) : null
    return { kind: 'weights', mean: this.mu, variance: this.variance, nSigma: this.nSigma, alignment }
  }

  unsupScale(_step: number): number {
    return 1
  }

  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses } = input
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(probs, numClasses)
    const n = pseudo.length
    const m = this.momentum
    if (this.distAlign && n > 0) {
      const mean = classMeanOfProbs(probs, numClasses, n)
      this.pModel = this.pModel ? emaStep(this.pModel, mean, m) : mean
    }
    // The aligned confidences under the updated p_model; then the statistics, then the weights.
    const aligned = ruleConfidences(this.rule(), probs, numClasses)
    if (n > 0) {
      let mean = 0
      for (const a of aligned) mean += a / n
      let sq = 0
      for (const a of aligned) sq += (a - mean) * (a - mean)
      // torch.var of one sample is NaN; USB would then carry NaN on. One sample leaves var as is.
      const variance = n > 1 ? sq / (n - 1) : this.variance
      this.mu = m * this.mu + (1 - m) * mean
      this.variance = m * this.variance + (1 - m) * variance
    }
    const rule = this.rule()
    return { pseudo, confidence, ...applyRule(rule, aligned, pseudo), rule }
  }

  getState(): StrategyState {
    return { pModel: this.pModel ? [...this.pModel] : null, mu: this.mu, variance: this.variance }
  }

  setState(state: StrategyState): void {
    try {
      const pModel = state.pModel === null ? null : stateNumbers(state.pModel, this.numClasses, 'pModel')
      const [mu] = stateNumbers(state.mu, null, 'mu')
      const [variance] = stateNumbers(state.variance, null, 'variance')
      this.pModel = pModel
      this.mu = mu
      this.variance = variance
    } catch (error) {
      throw new AppError('session-corrupt', `SoftMatch state does not fit ${this.numClasses} classes: ${(error as Error).message}`)
    }
  }
}

/** SoftMatch (U softmatch): truncated-Gaussian weights below the EMA mean of the confidence. */
export const definition = defineAlgorithm({
  name: 'softmatch',
  title: { en: 'SoftMatch', ko: 'SoftMatch' },
  summary: 'truncated-Gaussian weights',
  bound: false,
  settings: {
    /** USB n_sigma: width of the truncated Gaussian in standard deviations. */
    nSigma: z.number().gt(0, 'nSigma must be positive').default(2),
    /** USB dist_align: uniform distribution alignment before weighting. */
    distAlign: z.boolean().default(true)
  },
  settingMeta: {
    nSigma: {
      label: { en: 'Gaussian width n_σ', ko: '가우시안 폭 n_σ' },
      help: { en: 'SoftMatch: width of the truncated Gaussian in standard deviations', ko: 'SoftMatch: 잘린 가우시안의 폭(표준편차 단위)' },
      docs: 'SoftMatch: width of the truncated Gaussian, in standard deviations (USB `n_sigma`).',
      step: 0.5
    },
    distAlign: {
      label: { en: 'Distribution alignment', ko: '분포 정렬' },
      help: { en: 'SoftMatch: align the predictions to a uniform class distribution', ko: 'SoftMatch: 예측을 균등 클래스 분포에 맞춥니다' },
      docs: 'SoftMatch: uniform distribution alignment of the weak probabilities before weighting (USB `dist_align`).'
    }
  },
  reads: ['lambdaU', 'emaMomentum'],
  emaStart: 'uniform',
  ruleKind: 'weights',
  createStrategy: (s, context) => new SoftMatchStrategy(context.numClasses, s.emaMomentum, s.nSigma, s.distAlign)
})
