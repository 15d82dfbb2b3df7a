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
