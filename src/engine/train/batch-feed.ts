// Builds each step's batches: seeded samplers over the (expanded) labeled list and over the
// unlabeled positions, uint8 augmentation (weak for labeled, and strong where the strategy asks;
// weak + strong for unlabeled, or two weak views where the strategy asks), then normalization.
// Unlabeled true labels are not read here.
import { isBound, type ExperimentConfig } from '../../shared/config/experiment-config'
import { augmentBatch, type AugmentOptions } from '../augment/augment-batch'
import { normalizeInto } from '../../node/data/normalize'
import { EpochSampler } from '../../node/data/sampler'
import { expandLabeled } from '../../node/data/split'
import type { DataSplit, ImageDataset } from '../../node/data/types'
import { Rng, SEEDING_VERSION, type SeedingVersion } from '../../shared/rng'
import type { TrainerState } from './checkpoint'
import type { ForwardKind, MaskStrategy } from '../../shared/algorithms/mask-strategy'
import type { FixMatchBatch } from './fixmatch-step'

export type FeedState = Pick<TrainerState, 'augRng' | 'labeledSampler' | 'unlabeledSampler' | 'seeding'>

/** Views beyond the usual three that the run's strategy forwards. */
export interface FeedViews {
  /** A strong view of the labeled batch (forward 'debiased': DeFixMatch's x_lb_s). */
  labeledStrong?: boolean
  /** The unlabeled batch's second view is weak, not strong (Pi-Model, Mean Teacher: U datasetbase.py:100-102). */
  secondWeak?: boolean
}

/** The views a strategy's forward needs, fixed for a run. */
export function feedViews(strategy: Pick<MaskStrategy, 'forward'>): FeedViews {
  return { labeledStrong: strategy.forward === 'debiased', secondWeak: strategy.forward === 'two-weak' }
}

/** Images one step forwards, per labeled image, by forward kind (U's train_steps). */
const IMAGES_PER_LABELED: Record<ForwardKind, (mu: number) => number> = {
  'weak-strong': (mu) => 1 + 2 * mu,
  'two-weak': (mu) => 1 + 2 * mu,
  debiased: (mu) => 2 + 2 * mu,
  'weak-only': (mu) => 1 + mu,
  'labeled-only': () => 1
}

/** The images a step of this forward kind forwards (the img/s figure, the out-of-memory message). */
export function imagesPerStep(batch: { labeled: number; mu: number }, forward: ForwardKind): number {
  return batch.labeled * IMAGES_PER_LABELED[forward](batch.mu)
}

export interface FedBatch {
  batch: FixMatchBatch
  /** Train-set indices of the unlabeled batch (diagnostics look their hidden labels up). */
  unlabeledIndices: Int32Array
}

export class BatchFeed {
  readonly labeledList: Int32Array
  private readonly positions: Int32Array
  private readonly labeledSampler: EpochSampler
  private readonly unlabeledSampler: EpochSampler
  private readonly augRng: Rng
  private readonly augment: AugmentOptions
  private readonly imageShape: [number, number, number]
  /** The seeding rule this feed (and its session) was started with. */
  readonly seeding: SeedingVersion
  private readonly labeledOnly: boolean

  constructor(
    private readonly dataset: ImageDataset,
    private readonly split: DataSplit,
    config: ExperimentConfig,
    state?: FeedState,
    seeding: SeedingVersion = SEEDING_VERSION
  ) {
    const { labeled: batchSize, mu } = config.batch
    // A checkpoint without a seeding version predates version 2: the expanded labeled list
    // must come out as it did then.
    this.seeding = state ? (state.seeding ?? 1) : seeding
    this.labeledOnly = isBound(config.algorithm.name)
    // One root generator per run seed; each purpose gets its own fork, in a fixed order.
    const root = Rng.forPurpose(config.seed, 'batch-feed', this.seeding)
    const expandRng = root.fork()
    const labeledRng = root.fork()
    const unlabeledRng = root.fork()
    const augRng = root.fork()
    // K expands when asked, and always when the labeled set is smaller than a batch.
    const expand = config.split.expandLabels || split.labeled.length < batchSize
    this.labeledList = expand ? expandLabeled(split.labeled, batchSize, config.evalInterval, expandRng) : split.labeled
    this.positions = Int32Array.from({ length: split.unlabeled.length }, (_, i) => i)
    if (state) {
      this.labeledSampler = EpochSampler.fromState(this.labeledList, state.labeledSampler)
      this.unlabeledSampler = EpochSampler.fromState(this.positions, state.unlabeledSampler)
      this.augRng = Rng.fromState(state.augRng)
    } else {
      this.labeledSampler = new EpochSampler(this.labeledList, batchSize, labeledRng)
      this.unlabeledSampler = new EpochSampler(this.positions, batchSize * mu, unlabeledRng)
      this.augRng = augRng
    }
    this.augment = {
      height: dataset.height,
      width: dataset.width,
      channels: dataset.channels,
      flip: config.augment.horizontalFlip ?? dataset.flipByDefault,
      variant: config.augment.strong
    }
    this.imageShape = [dataset.height, dataset.width, dataset.channels]
  }

  next(views: FeedViews = {}): FedBatch {
    const train = this.dataset.train
    const labeledIdx = this.labeledSampler.next()
    // The supervised bounds take no unlabeled batch: none is drawn or augmented.
    const positions = this.labeledOnly ? new Int32Array(0) : this.unlabeledSampler.next()
    const unlabeledIndices = Int32Array.from(positions, (p) => this.split.unlabeled[p])
    const xl = augmentBatch(train, labeledIdx, 'weak', this.augRng, this.augment)
    const xw = augmentBatch(train, unlabeledIndices, 'weak', this.augRng, this.augment)
    const xs = augmentBatch(train, unlabeledIndices, views.secondWeak ? 'weak' : 'strong', this.augRng, this.augment)
    // Drawn last in the step: the step's other views come out as without it (later steps' draws move).
    const xls = views.labeledStrong ? augmentBatch(train, labeledIdx, 'strong', this.augRng, this.augment) : null
    const { mean, std, channels } = this.dataset
    return {
      batch: {
        labeled: normalizeInto(xl, mean, std, channels),
        labels: Int32Array.from(labeledIdx, (i) => train.labels[i]),
        weak: normalizeInto(xw, mean, std, channels),
        strong: normalizeInto(xs, mean, std, channels),
        ...(xls ? { labeledStrong: normalizeInto(xls, mean, std, channels) } : {}),
        unlabeledPositions: positions,
        imageShape: this.imageShape
      },
      unlabeledIndices
    }
  }

  getState(): FeedState {
    return {
      augRng: this.augRng.getState(),
      labeledSampler: this.labeledSampler.getState(),
      unlabeledSampler: this.unlabeledSampler.getState(),
      seeding: this.seeding
    }
  }
}
