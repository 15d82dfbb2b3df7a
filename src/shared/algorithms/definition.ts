// What an algorithm is to the rest of the app: one `definition` per module (fixmatch.ts, uda.ts
// ...), made by defineAlgorithm and listed once in registry.ts. The config schema, the presets'
// defaults, the titles, the rule kinds, the comparison recipes, the config reference, the form
// and its labels (en, ko) and the engine's strategy are all read from these definitions, so
// adding an algorithm touches its module and one registry line (plus its twin and tests).
// Pure TS: no Node, no Electron, no tensors (the strategy runs on Float32Arrays).
import { z } from 'zod'
import type { RuleKind } from '../pseudo-label-rule'
import type { MaskStrategy } from './mask-strategy'

/** A text in both languages of the app. */
export interface Text {
  en: string
  ko: string
}

/** What the engine knows when it builds a strategy. */
export interface StrategyContext {
  numClasses: number
  /** Size of the unlabeled set (per-sample state). */
  numUnlabeled: number
  /** Planned length of training (warm-ups span a share of it). */
  totalSteps: number
}

/**
 * The settings several algorithms read, always in the config's `algorithm` object, in this order
 * after `name`. Which algorithm reads which is each definition's `reads`.
 */
export const COMMON_SETTINGS = {
  threshold: z.number().gt(0, 'threshold must be in (0, 1]').lte(1, 'threshold must be in (0, 1]'),
  temperature: z.number().gt(0, 'temperature must be positive'),
  lambdaU: z.number().min(0, 'lambda_u must not be negative'),
  /** A share of training over which lambda_u ramps up from 0 (USB unsup_warm_up). */
  unsupWarmup: z.number().min(0, 'unsupWarmup must be in [0, 1]').max(1, 'unsupWarmup must be in [0, 1]').default(0.4),
  /** Momentum of the confidence and class-distribution EMAs (USB ema_p). */
  emaMomentum: z.number().min(0, 'emaMomentum must be in [0, 1)').lt(1, 'emaMomentum must be in [0, 1)').default(0.999)
}
export type CommonSettingKey = keyof typeof COMMON_SETTINGS
export type CommonSettings = { [K in CommonSettingKey]: z.output<(typeof COMMON_SETTINGS)[K]> }

/** How the form shows a setting, and what the config reference says of it. */
export interface SettingMeta {
  label: Text
  /** The form's hint. For a common setting, without the readers: the form puts them first. */
  help?: Text
  /** The config reference's line (English, Markdown). For a common setting with `readersFirst`, without the readers. */
  docs: string
  /** The number input's step. */
  step?: number
  /** Common settings only: help and docs start with the titles of the algorithms that read it. */
  readersFirst?: boolean
}

/** Per-setting metadata of the common settings (the algorithms' own live in their modules). */
export const COMMON_SETTING_META: Record<CommonSettingKey, SettingMeta> = {
  threshold: {
    label: { en: 'Threshold τ', ko: '신뢰도 임계값 τ' },
    step: 0.01,
    docs: "Confidence threshold tau a pseudo-label must reach to train (FixMatch, Pseudo-Label; DeFixMatch's p_cutoff, for its anti term's labeled rows too); FlexMatch scales it per class; AdaMatch multiplies it by the labeled batch's mean confidence. FreeMatch, SoftMatch and Dash set their own; UDA reads `udaCutoff`; EMA threshold (guide example) starts its EMA from it and never cuts above it."
  },
  temperature: {
    label: { en: 'Temperature T', ko: '온도 T' },
    step: 0.1,
    docs: "Softmax temperature T of the weak view's probabilities (FixMatch; with hard pseudo-labels it only moves the confidence). The USB algorithms ignore it."
  },
  lambdaU: {
    label: { en: 'λ_u', ko: 'λ_u' },
    step: 0.1,
    docs: 'Weight lambda_u of the unlabeled loss in Lx + lambda_u Lu.'
  },
  unsupWarmup: {
    label: { en: 'Unsupervised warm-up', ko: '비지도 손실 워밍업' },
    step: 0.05,
    readersFirst: true,
    help: { en: 'share of training over which λ_u ramps up from 0', ko: 'λ_u를 0에서 올리는 데 쓰는 학습 구간의 비율' },
    docs: 'the fraction of the planned steps over which lambda_u ramps up linearly from 0 (USB `unsup_warm_up`).'
  },
  emaMomentum: {
    label: { en: 'Confidence EMA momentum', ko: '신뢰도 EMA 모멘텀' },
    step: 0.001,
    readersFirst: true,
    help: { en: 'momentum of their confidence and class-distribution averages', ko: '신뢰도 평균과 클래스 분포 평균의 모멘텀' },
    docs: 'momentum of their confidence and class-distribution EMAs (USB `ema_p`).'
  }
}

/** The values of a settings shape, defaults applied. */
export type SettingsOf<S extends z.ZodRawShape> = { [K in keyof S]: z.output<S[K]> }

/** USB's recipe changes when this algorithm joins a comparison (withAlgorithm): e.g. Pseudo-Label's uratio 1. */
export interface ComparisonRecipe {
  /** batch.mu (USB uratio). */
  mu?: number
  /** algorithm.lambdaU (USB ulb_loss_ratio). */
  lambdaU?: number
  /**
   * The comparison's steps times this: for an algorithm that needs more steps than the others to
   * reach its own scale at the comparison's short length, given no more compute than they use
   * (Pseudo-Label: 3, still 40% of FixMatch's forwarded images). The table shows each one's steps.
   */
  stepsFactor?: number
}

/** When a run trains Lu on soft targets (the target's argmax is then the pseudo-label): 'always' (UDA), or while the published rule sharpens (Dash before rho_min). */
export type SoftTargets = 'always' | 'while-sharpening'

/** The parts of a config outside `algorithm` that a definition may check (refusal). */
export interface RunShape {
  ema: { enabled: boolean; decay: number }
  batch: { labeled: number; mu: number }
  steps: number
}

/** Why a config cannot run this algorithm: the config path and the message (as validateExperimentConfig reports). */
export interface AlgorithmRefusal {
  path: string
  message: string
}

export interface AlgorithmDefinition<N extends string = string, S extends z.ZodRawShape = z.ZodRawShape, B extends boolean = boolean> {
  /** The config's `algorithm.name`. */
  name: N
  /** Shown name; the same in both languages for the published algorithms. */
  title: Text
  /** The config reference's words after `name` in `algorithm.name`'s line (English). */
  summary: string
  /** A bound of a comparison (no unlabeled batch, no pseudo-labels). */
  bound: B
  /** Trains on every training label (USB's fully supervised bound): the engine gives it oracleSplit. */
  oracle?: true
  /** Its own settings (zod, with USB's defaults, cited), merged into the config's `algorithm` object. */
  settings: S
  /** Form and docs metadata, one per own setting. */
  settingMeta: { [K in keyof S]: SettingMeta }
  /** The common settings it reads (the form and docs name it beside them). */
  reads: readonly CommonSettingKey[]
  /** The kind of rule its strategy publishes. */
  ruleKind: RuleKind
  /**
   * 'uniform': its rule's statistics start at 1/C and move with `emaMomentum` (FreeMatch's thresholds,
   * SoftMatch's weights), so the form warns a run shorter than a few 1/(1 - emaMomentum) steps.
   */
  emaStart?: 'uniform'
  /** Absent: it trains on hard pseudo-labels. */
  softTargets?: SoftTargets
  /** The threshold its rule starts from, before it publishes one; absent: `threshold`. */
  configThreshold?: (settings: CommonSettings & SettingsOf<S>) => number
  /** USB's recipe changes for a comparison; absent: none. */
  recipe?: ComparisonRecipe
  /** A check across the config, or null when the config can run it (e.g. Mean Teacher needs the EMA); absent: none. */
  refusal?: (config: RunShape & { algorithm: CommonSettings & SettingsOf<S> & { name: N } }) => AlgorithmRefusal | null
  /** Its masking strategy for a run. */
  createStrategy: (settings: CommonSettings & SettingsOf<S> & { name: N }, context: StrategyContext) => MaskStrategy
}

/** One algorithm's definition, its literal name and settings kept in the type. */
export function defineAlgorithm<const N extends string, S extends z.ZodRawShape = Record<never, never>, const B extends boolean = false>(
  definition: AlgorithmDefinition<N, S, B>
): AlgorithmDefinition<N, S, B> {
  return definition
}

