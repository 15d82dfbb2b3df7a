// Dash (U = microsoft/Semi-supervised-learning @1ef4cbe; dash/dash.py, dash/utils.py
// DashThresholdingHook). A sample trains when its loss against its own pseudo-label is at most
// rho, and rho falls with training:
//   warm-up    supervised only (dash.py:60-154); rho_init is the loss there (dash.py:146-147)
//   every 10 epochs, from it = 0:  rho = max(C gamma^-k rho_init, rho_min), k++ (utils.py:28-32)
//   rho > rho_min: soft targets q = softmax(logits_w / T)              (utils.py:47-48, dash.py:52)
//   rho = rho_min: hard targets argmax logits_w                         (utils.py:34-38, 44-45)
//   mask = CE(logits_w, q) <= rho (utils.py:49-50); Lu = mean_b mask CE(logits_s, q) (dash.py:192-197)
// As a PseudoLabelRule: a threshold exp(-rho) on exp(-CE), so the sweeps apply the same rule.
// Where it departs from USB (docs/guide/algorithms.md, Dash):
// - USB's epoch is num_train_iter / 1024 in every classic-CV config; here 1/1024 of the steps
//   (at least one step), so rho falls on the same share of training.
// - The warm-up is the first steps of the run, not extra ones before it, with the unlabeled
//   batch still forwarded (weight 0: Lu off, BatchNorm sees the batch). USB's rho_init is its
//   eval loss under the EMA shadow registered at the warm-up's start and never updated there
//   (dash.py:75-76, 123, 146): the initial weights' loss. Here: the labeled batch's loss at step 1.
import { AppError } from '../errors'
import { ruleConfidences, type PseudoLabelRule } from '../pseudo-label-rule'
import { pseudoLabelsFromProbs } from './pseudo-labels'
import { applyRule, stateNumbers, type MaskInput, type MaskOutput, type MaskStrategy, type StrategyState } from './mask-strategy'
import { labeledLoss, sharpen } from './soft-targets'
import { z } from 'zod'
import { defineAlgorithm } from './definition'

export interface DashSettings {
  /** USB T. */
  temperature: number
  gamma: number
  /** USB C. */
  c: number
  rhoMin: number
  /** Steps of supervised warm-up at the start of the run. */
  warmupSteps: number
  /** Steps between rho updates: USB's 10 epochs. */
  rhoInterval: number
}

/** USB's update interval, 10 * num_train_iter // epoch, with classic CV's 1024 epochs (never 0 steps). */
export function dashRhoInterval(totalSteps: number): number {
  return 10 * Math.max(1, Math.floor(totalSteps / 1024))
}

/** Warm-up steps for a share of the run: at least one, since rho_init is read there. */
export function dashWarmupSteps(share: number, totalSteps: number): number {
  return Math.min(totalSteps, Math.max(1, Math.round(share * totalSteps)))
}

export class DashStrategy implements MaskStrategy {
  readonly name = 'dash' as const
  readonly readsTemperature = false
  readonly readsLabeled = true
  readonly forward = 'weak-strong' as const
  private rhoInit: number | null = null
  private rho: number | null = null
  private updates = 0

  constructor(readonly settings: DashSettings) {}

  /** The rho the given step applies, and whether it is an update (USB masking -> update). */
  private rhoAt(step: number): { rho: number | null; update: boolean } {
    const it = step - this.settings.warmupSteps - 1
    if (it < 0 || this.rhoInit === null) return { rho: this.rho, update: false }
    if (it % this.settings.rhoInterval !== 0) return { rho: this.rho, update: false }
    const { c, gamma, rhoMin } = this.settings
    return { rho: Math.max(c * gamma ** -this.updates * this.rhoInit, rhoMin), update: true }
  }

  private ruleFor(rho: number | null): PseudoLabelRule {
    if (rho === null) return { kind: 'threshold', threshold: 1 }
    const hard = rho === this.settings.rhoMin
    return { kind: 'threshold', threshold: Math.exp(-rho), ...(hard ? {} : { sharpen: this.settings.temperature }) }
  }

  /** The rho of the last SSL step (null before one). */
  currentRho(): number | null {
    return this.rho
  }

  rule(): PseudoLabelRule {
    return this.ruleFor(this.rho)
  }

  unsupScale(step: number): number {
    return step <= this.settings.warmupSteps ? 0 : 1
  }

  compute(input: MaskInput): MaskOutput {
    const { probs, numClasses, step } = input
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(probs, numClasses)
    const n = pseudo.length
    if (this.rhoInit === null) {
      if (!input.labeled) throw new Error('Dash reads the labeled batch for rho_init')
      this.rhoInit = labeledLoss(input.labeled.probs, input.labeled.labels, numClasses)
    }
    if (step <= this.settings.warmupSteps) {
      const rule = this.ruleFor(null)
      return { pseudo, confidence, weight: new Float32Array(n), mask: new Uint8Array(n), rule }
    }
    const next = this.rhoAt(step)
    if (next.update) {
      this.rho = next.rho
      this.updates++
    }
    const rule = this.rule()
    const applied = applyRule(rule, ruleConfidences(rule, probs, numClasses), pseudo)
    const soft = rule.kind === 'threshold' && rule.sharpen !== undefined
    return { pseudo, confidence, ...applied, rule, ...(soft ? { targets: sharpen(probs, numClasses, this.settings.temperature) } : {}) }
  }

  getState(): StrategyState {
    return { rhoInit: this.rhoInit, rho: this.rho, updates: this.updates }
  }

  setState(state: StrategyState): void {
    try {
      const rhoInit = state.rhoInit === null ? null : stateNumbers(state.rhoInit, null, 'rhoInit')[0]
      const rho = state.rho === null ? null : stateNumbers(state.rho, null, 'rho')[0]
      const [updates] = stateNumbers(state.updates, null, 'updates')
      this.rhoInit = rhoInit
      this.rho = rho
      this.updates = updates
    } catch (error) {
      throw new AppError('session-corrupt', `Dash state is damaged: ${(error as Error).message}`)
    }
  }
}

/** Dash (U dash.py get_argument, config/classic_cv/dash): T, gamma, C, rho_min, num_wu_iter 2048 of 2^20. */
export const definition = defineAlgorithm({
  name: 'dash',
  title: { en: 'Dash', ko: 'Dash' },
  summary: 'a dynamic loss threshold',
  bound: false,
  settings: {
    /** USB T: the temperature of its soft pseudo-labels, softmax(logits / T). */
    sharpenTemperature: z.number().gt(0, 'sharpenTemperature must be positive').default(0.5),
    /** USB gamma: rho shrinks by this factor every 10 epochs. */
    gamma: z.number().gt(1, 'gamma must be above 1').default(1.27),
    /** USB C: rho = C gamma^-k rho_init. */
    rhoC: z.number().gt(0, 'rhoC must be positive').default(1.0001),
    /** USB rho_min: the floor of rho; at it, hard labels. */
    rhoMin: z.number().gt(0, 'rhoMin must be positive').default(0.05),
    /** USB num_wu_iter 2048 of 2^20: the share of the steps trained on labels alone first. */
    dashWarmup: z.number().min(0, 'dashWarmup must be in [0, 1)').lt(1, 'dashWarmup must be in [0, 1)').default(2048 / 2 ** 20)
  },
  settingMeta: {
    sharpenTemperature: {
      label: { en: 'Soft-label temperature', ko: '소프트 레이블 온도' },
      help: { en: 'Dash: temperature T of its soft pseudo-labels until ρ reaches ρ_min', ko: 'Dash: ρ가 ρ_min에 닿을 때까지 쓰는 소프트 의사 레이블의 온도 T' },
      docs: 'Dash: temperature T of its soft pseudo-labels softmax(logits / T) until rho reaches rhoMin (USB `T`).',
      step: 0.1
    },
    gamma: {
      label: { en: 'Threshold decay γ', ko: '임계값 감소율 γ' },
      help: { en: 'Dash: ρ shrinks by this factor every 10 epochs (1/1024 of the steps each)', ko: 'Dash: 10 에포크(에포크 하나는 전체 스텝의 1/1024)마다 ρ를 이 비율로 줄입니다' },
      docs: "Dash: rho = rhoC gamma^-k rho_init, k counting updates every 10 epochs (an epoch is 1/1024 of the steps, as in USB's configs) (USB `gamma`).",
      step: 0.01
    },
    rhoC: {
      label: { en: 'Threshold factor C', ko: '임계값 계수 C' },
      help: { en: 'Dash: ρ = C γ^-k ρ_init', ko: 'Dash: ρ = C γ^-k ρ_init' },
      docs: 'Dash: the factor C of rho = C gamma^-k rho_init (USB `C`).',
      step: 0.0001
    },
    rhoMin: {
      label: { en: 'Minimum loss threshold ρ_min', ko: '최소 손실 임계값 ρ_min' },
      help: { en: 'Dash: the floor of the loss threshold ρ; there it switches to hard pseudo-labels', ko: 'Dash: 손실 임계값 ρ의 하한. 여기에 닿으면 하드 의사 레이블로 바뀝니다' },
      docs: 'Dash: the floor of rho; once there, hard pseudo-labels (USB `rho_min`).',
      step: 0.01
    },
    dashWarmup: {
      label: { en: 'Supervised warm-up', ko: '지도 학습 워밍업' },
      help: { en: 'Dash: share of training on labels alone at the start; ρ_init is the labeled loss at step 1', ko: 'Dash: 처음에 레이블 데이터만으로 학습하는 구간의 비율. ρ_init은 1스텝의 레이블 손실입니다' },
      docs: 'Dash: the share of the steps trained on labels alone first; rho_init is the supervised loss at the first step (USB `num_wu_iter`, 2048 of 2^20).',
      step: 0.001
    }
  },
  reads: ['lambdaU'],
  ruleKind: 'threshold',
  // A sample counts when its loss against the soft target is at most rho.
  softTargets: 'while-sharpening',
  createStrategy: (s, context) =>
    new DashStrategy({
      temperature: s.sharpenTemperature,
      gamma: s.gamma,
      c: s.rhoC,
      rhoMin: s.rhoMin,
      warmupSteps: dashWarmupSteps(s.dashWarmup, context.totalSteps),
      rhoInterval: dashRhoInterval(context.totalSteps)
    })
})
