import { z } from 'zod'
import { BackendChoiceSchema } from '../backends'
import { AppError } from '../errors'
import { ablationRefusal, AblationSchema } from './ablation'
import { COMMON_SETTINGS } from '../algorithms/definition'
import { ALGORITHM_SETTINGS, algorithmRefusal, ALGORITHMS } from '../algorithms/registry'

export const DATASET_IDS = ['mnist', 'cifar10', 'cifar100'] as const
export type DatasetId = (typeof DATASET_IDS)[number]

export const MODEL_ARCHS = ['small-cnn', 'wrn-28-2', 'wrn-28-8'] as const
export type ModelArch = (typeof MODEL_ARCHS)[number]

// The algorithms and their settings come from their definitions (shared/algorithms/registry.ts).
export { ALGORITHMS, isBound, SSL_ALGORITHMS, type AlgorithmName, type BoundName } from '../algorithms/registry'
export type { TsaSchedule } from '../algorithms/uda'

export const STRONG_AUGMENTS = ['randaugment-k', 'randaugment-g'] as const

const int = () => z.number().int()

export const ExperimentConfigSchema = z.strictObject({
  name: z.string().max(200).default(''),
  dataset: z.strictObject({
    id: z.enum(DATASET_IDS),
    /** Folder or archive holding the official binary files (CIFAR); unused for MNIST. */
    dataDir: z.string().optional()
  }),
  split: z.strictObject({
    labelsPerClass: int().min(1, 'labels per class must be at least 1'),
    seed: int().min(0),
    /** Paper/K default: the unlabeled set is the whole train set, labeled images included. */
    excludeLabeledFromUnlabeled: z.boolean().default(false),
    /** Tile the labeled list so one pass covers labeled batch x evalInterval samples (K). */
    expandLabels: z.boolean().default(true)
  }),
  model: z.strictObject({
    arch: z.enum(MODEL_ARCHS),
    /** TF.js terms: 0.999 equals PyTorch 0.001. */
    bnMomentum: z.number().gt(0).lt(1),
    leakySlope: z.number().min(0).max(1).default(0.1)
  }),
  /** name, the settings several algorithms read, then each algorithm's own (registry order): the JSON keys of every session. */
  algorithm: z.strictObject({
    name: z.enum(ALGORITHMS),
    ...COMMON_SETTINGS,
    ...ALGORITHM_SETTINGS
  }),
  batch: z.strictObject({
    labeled: int().min(1).max(4096),
    mu: int().min(1).max(64)
  }),
  optimizer: z.strictObject({
    name: z.literal('sgd'),
    lr: z.number().gt(0, 'learning rate must be positive'),
    momentum: z.number().min(0).lt(1),
    nesterov: z.boolean(),
    weightDecay: z.number().min(0, 'weight decay must not be negative')
  }),
  schedule: z.strictObject({
    name: z.enum(['cosine', 'constant']),
    warmupSteps: int().min(0).default(0),
    /** K's num_cycles: lr(k) = lr0 cos(cycles * pi * k / K). */
    cosineCycles: z.number().min(0).default(7 / 16)
  }),
  ema: z.strictObject({
    enabled: z.boolean(),
    decay: z.number().min(0).lt(1)
  }),
  augment: z.strictObject({
    strong: z.enum(STRONG_AUGMENTS).default('randaugment-k'),
    /** null = by dataset (off for digits). */
    horizontalFlip: z.boolean().nullable().default(null)
  }),
  /** Total training steps K (the cosine schedule spans the steps a session was first planned with). */
  steps: int().min(1, 'steps must be at least 1'),
  evalInterval: int().min(1),
  /** Full sweep over the unlabeled set every N steps (0 = only at the end). */
  sweepInterval: int().min(0),
  /** Checkpoint every N steps (0 = only at stop and end). */
  checkpointInterval: int().min(0).default(0),
  /** Seed for init, sampling and augmentation. */
  seed: int().min(0),
  backend: BackendChoiceSchema.default('auto'),
  /** Oracle ablation (issue 27); absent in older configs and sessions: none. */
  ablation: AblationSchema.optional()
})

export type ExperimentConfig = z.infer<typeof ExperimentConfigSchema>
/** What a user or file may give: defaults not yet applied. */
export type ExperimentConfigInput = z.input<typeof ExperimentConfigSchema>

export interface ConfigIssue {
  path: string
  message: string
}

export type ConfigValidation =
  | { ok: true; config: ExperimentConfig }
  | { ok: false; issues: ConfigIssue[] }

export function validateExperimentConfig(input: unknown): ConfigValidation {
  const parsed = ExperimentConfigSchema.safeParse(input)
  if (parsed.success) {
    const refusal = ablationRefusal(parsed.data)
    if (refusal) return { ok: false, issues: [{ path: 'ablation.mode', message: refusal }] }
    const algorithm = algorithmRefusal(parsed.data)
    return algorithm ? { ok: false, issues: [algorithm] } : { ok: true, config: parsed.data }
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message
    }))
  }
}

/** "path: message; path: message", for one-line error reports. */
export function describeConfigIssues(issues: ConfigIssue[]): string {
  return issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')
}

/** A valid config, or AppError('invalid-config') naming every issue (details: the issue list, as for invalid-payload). */
export function requireValidConfig(input: unknown): ExperimentConfig {
  const result = validateExperimentConfig(input)
  if (result.ok) return result.config
  throw new AppError('invalid-config', `invalid experiment config: ${describeConfigIssues(result.issues)}`, result.issues)
}

export const NUM_CLASSES: Record<DatasetId, number> = { mnist: 10, cifar10: 10, cifar100: 100 }
