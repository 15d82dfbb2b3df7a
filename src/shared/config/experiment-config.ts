import { z } from 'zod'
import { BackendChoiceSchema } from '../backends'
import { AppError } from '../errors'
import { ablationRefusal, AblationSchema } from './ablation'

export const DATASET_IDS = ['mnist', 'cifar10', 'cifar100'] as const
export type DatasetId = (typeof DATASET_IDS)[number]

export const MODEL_ARCHS = ['small-cnn', 'wrn-28-2', 'wrn-28-8'] as const
export type ModelArch = (typeof MODEL_ARCHS)[number]

/** UDA's Training Signal Annealing schedules (USB uda.py TSA). */
export const TSA_SCHEDULES = ['none', 'linear', 'exp', 'log'] as const
export type TsaSchedule = (typeof TSA_SCHEDULES)[number]

/**
 * The SSL algorithms the engine implements; they differ in the masking rule (a strategy in the
 * engine, spec/ssl-reference.md section 5) and, for Pseudo-Label, in the forward pass.
 */
export const SSL_ALGORITHMS = ['fixmatch', 'flexmatch', 'pseudolabel', 'freematch', 'softmatch', 'dash', 'adamatch', 'uda'] as const
/**
 * USB's two baselines, the bounds of a comparison: `supervised` trains on the labeled set alone
 * (no unlabeled loss, no unlabeled forward); `fullysupervised` trains on every training label,
 * an oracle no SSL run can have.
 */
export const BOUNDS = ['supervised', 'fullysupervised'] as const
export const ALGORITHMS = [...SSL_ALGORITHMS, ...BOUNDS] as const
export type AlgorithmName = (typeof ALGORITHMS)[number]
export type BoundName = (typeof BOUNDS)[number]

/** Whether the algorithm is a bound: no pseudo-labels, no unlabeled batch. */
export function isBound(name: AlgorithmName): name is BoundName {
  return (BOUNDS as readonly string[]).includes(name)
}

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
  algorithm: z.strictObject({
    name: z.enum(ALGORITHMS),
    threshold: z.number().gt(0, 'threshold must be in (0, 1]').lte(1, 'threshold must be in (0, 1]'),
    temperature: z.number().gt(0, 'temperature must be positive'),
    lambdaU: z.number().min(0, 'lambda_u must not be negative'),
    /** Pseudo-Label: the share of training over which lambda_u ramps up from 0 (USB unsup_warm_up). */
    unsupWarmup: z.number().min(0, 'unsupWarmup must be in [0, 1]').max(1, 'unsupWarmup must be in [0, 1]').default(0.4),
    /** FreeMatch and SoftMatch: momentum of their confidence EMAs (USB ema_p). */
    emaMomentum: z.number().min(0, 'emaMomentum must be in [0, 1)').lt(1, 'emaMomentum must be in [0, 1)').default(0.999),
    /** FreeMatch: weight of the self-adaptive fairness loss (USB ent_loss_ratio, 0.001 in its configs). */
    fairnessWeight: z.number().min(0, 'fairnessWeight must not be negative').default(0.001),
    /** SoftMatch: width of the truncated Gaussian in standard deviations (USB n_sigma). */
    nSigma: z.number().gt(0, 'nSigma must be positive').default(2),
    /** SoftMatch: uniform distribution alignment before weighting (USB dist_align). */
    distAlign: z.boolean().default(true),
    /** Dash: the temperature of its soft pseudo-labels, softmax(logits / T) (USB T). */
    sharpenTemperature: z.number().gt(0, 'sharpenTemperature must be positive').default(0.5),
    /** Dash: rho shrinks by this factor every 10 epochs (USB gamma). */
    gamma: z.number().gt(1, 'gamma must be above 1').default(1.27),
    /** Dash: rho = C gamma^-k rho_init (USB C). */
    rhoC: z.number().gt(0, 'rhoC must be positive').default(1.0001),
    /** Dash: the floor of rho; at it, hard labels (USB rho_min). */
    rhoMin: z.number().gt(0, 'rhoMin must be positive').default(0.05),
    /** Dash: the share of the steps trained on labels alone first (USB num_wu_iter 2048 of 2^20). */
    dashWarmup: z.number().min(0, 'dashWarmup must be in [0, 1)').lt(1, 'dashWarmup must be in [0, 1)').default(2048 / 2 ** 20),
    /** UDA: the temperature of its soft targets, softmax(logits / T) (USB T, 0.4 in its configs). */
    udaTemperature: z.number().gt(0, 'udaTemperature must be positive').default(0.4),
    /** UDA: the confidence a weak view needs for its soft target to train (USB p_cutoff, 0.8). */
    udaCutoff: z.number().gt(0, 'udaCutoff must be in (0, 1]').lte(1, 'udaCutoff must be in (0, 1]').default(0.8),
    /** UDA: Training Signal Annealing of the labeled loss (USB tsa_schedule; 'none' in its configs). */
    tsaSchedule: z.enum(TSA_SCHEDULES).default('none')
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
    return refusal ? { ok: false, issues: [{ path: 'ablation.mode', message: refusal }] } : { ok: true, config: parsed.data }
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
