// Everything a run needs before its first step: backend, dataset, split, model, optimizer,
// EMA, strategy, batches, per-sample tracker and the session writer; on resume, all of it
// restored from the checkpoint.
import type { BackendChoice, BackendReport } from '../../shared/backends'
import type { DatasetId, ExperimentConfig } from '../../shared/config/experiment-config'
import { AppError } from '../../shared/errors'
import type { LrSchedule } from '../../shared/lr-schedule'
import { resumeRefusal } from '../../shared/resume-rule'
import type { SessionManifest } from '../../shared/sessions'
import { SEEDING_VERSION, seedFor, type SeedingVersion } from '../../shared/rng'
import type { WorkerEvent } from '../../shared/worker-protocol'
import { createStrategy, isOracleBound } from '../../shared/algorithms/registry'
import type { MaskStrategy, StrategyState } from '../../shared/algorithms/mask-strategy'
import { oracleSplit } from '../../shared/algorithms/supervised'
import { selectBackend } from '../backend/select'
import { loadDataset } from '../../node/data/registry'
import { splitDataset } from '../../node/data/split'
import type { DataSplit, ImageDataset } from '../../node/data/types'
import { SampleTracker } from '../diagnostics/sample-tracker'
import { createModel } from '../models'
import type { ModelOptions, SslModel } from '../models/types'
import type { SessionWriter } from '../../node/session/session-writer'
import { BatchFeed } from './batch-feed'
import { loadCheckpoint, readCheckpointSeeding } from './checkpoint'
import { ParamEma } from './ema'
import { SgdOptimizer } from './optimizer'
import { scheduleFromConfig } from './schedule'
import { openOrCreateSession, openSession } from './session-open'

/** What the trainer builds on; tests replace single pieces (e.g. a fixed split). */
export interface TrainerDeps {
  selectBackend(choice: BackendChoice): Promise<BackendReport>
  loadDataset(id: DatasetId, options: { dataDir?: string }): Promise<ImageDataset>
  split(dataset: ImageDataset, config: ExperimentConfig, seeding: SeedingVersion): DataSplit
  createModel(options: ModelOptions): SslModel
}

export const defaultDeps: TrainerDeps = {
  selectBackend,
  loadDataset,
  split: (dataset, config, seeding) => splitDataset(dataset.train.labels, dataset.classNames.length, { ...config.split, seeding }),
  createModel
}

export interface Run {
  config: ExperimentConfig
  backend: BackendReport
  dataset: ImageDataset
  split: DataSplit
  model: SslModel
  optimizer: SgdOptimizer
  ema: ParamEma | null
  strategy: MaskStrategy
  feed: BatchFeed
  tracker: SampleTracker
  writer: SessionWriter
  segment: number
  step: number
  /** The learning-rate schedule; on resume the session's own, whatever the new length. */
  schedule: LrSchedule
}

export interface RunSetupOptions {
  config: ExperimentConfig
  sessionDir: string
  resume: boolean
  emit(event: WorkerEvent): void
  /** The seeding rule of a new session; tests set 1 to make sessions as they were before version 2. */
  seeding?: SeedingVersion
}

export async function setUpRun(options: RunSetupOptions, deps: TrainerDeps): Promise<Run> {
  const { config } = options
  const backend = await deps.selectBackend(config.backend)
  const dataset = await deps.loadDataset(config.dataset.id, { dataDir: config.dataset.dataDir })
  const numClasses = dataset.classNames.length
  // A resumed session keeps the rule it started with, so its split and labeled list stay its own.
  const seeding = (options.resume ? await readCheckpointSeeding(options.sessionDir) : options.seeding) ?? SEEDING_VERSION
  const drawn = deps.split(dataset, config, seeding)
  // The oracle bound labels every training image; its sweeps still read the drawn unlabeled set.
  const split = isOracleBound(config.algorithm.name) ? oracleSplit(drawn, dataset.train.labels.length) : drawn
  const model = deps.createModel({
    arch: config.model.arch,
    numClasses,
    inputShape: [dataset.height, dataset.width, dataset.channels],
    bnMomentum: config.model.bnMomentum,
    leakySlope: config.model.leakySlope,
    seed: seedFor(config.seed, 'init', seeding)
  })
  const optimizer = new SgdOptimizer(model.params, {
    momentum: config.optimizer.momentum,
    nesterov: config.optimizer.nesterov,
    weightDecay: config.optimizer.weightDecay
  })
  const ema = config.ema.enabled ? new ParamEma(model.params, config.ema.decay) : null
  try {
    return await prepare({ ...options, seeding }, { config, backend, dataset, split, model, optimizer, ema })
  } catch (error) {
    model.dispose()
    optimizer.dispose()
    ema?.dispose()
    throw error
  }
}

type Built = Pick<Run, 'config' | 'backend' | 'dataset' | 'split' | 'model' | 'optimizer' | 'ema'>

async function prepare(options: RunSetupOptions, built: Built): Promise<Run> {
  const { config, dataset, split, model, optimizer, ema } = built
  const writer = options.resume ? await openSession(options.sessionDir) : await openOrCreateSession(options.sessionDir, config)
  try {
    let feed: BatchFeed
    let tracker: SampleTracker
    let step = 0
    let schedule = scheduleFromConfig(config)
    let restoredStrategy: StrategyState | null = null
    if (options.resume) {
      // Everything that can refuse the resume comes before the first write to the folder.
      schedule = resumeSchedule(options.sessionDir, writer.manifest, config)
      const restored = await loadCheckpoint(options.sessionDir, { model, optimizer, ema })
      if (!sameIndices(restored.samples.datasetIndex, split.unlabeled)) {
        throw new AppError('session-corrupt', `the checkpoint in ${options.sessionDir} was made with another labeled/unlabeled split`)
      }
      step = restored.state.step
      feed = new BatchFeed(dataset, split, config, restored.state)
      restoredStrategy = restored.state.strategy
      tracker = SampleTracker.fromState(restored.samples)
      const { lastMetricsStep } = await writer.truncateAfterStep(step)
      if (lastMetricsStep < step) {
        const missing = lastMetricsStep + 1 === step ? `step ${step}` : `steps ${lastMetricsStep + 1}-${step}`
        options.emit({
          type: 'log',
          level: 'warn',
          message: `metrics.jsonl lacks ${missing} of the checkpoint at step ${step} (a torn or lost line); those metrics stay missing, training goes on from step ${step}`
        })
      }
      // A resume may extend the run (more steps): the manifest records the config it ran with.
      await writer.updateManifest({ config })
    } else {
      feed = new BatchFeed(dataset, split, config, undefined, options.seeding)
      tracker = new SampleTracker(split.unlabeled, Int16Array.from(split.unlabeled, (i) => dataset.train.labels[i]))
    }
    const strategy = createStrategy(config.algorithm, { numClasses: model.options.numClasses, numUnlabeled: split.unlabeled.length, totalSteps: schedule.totalSteps })
    if (restoredStrategy) strategy.setState(restoredStrategy)
    const segment = await writer.beginSegment(step, built.backend, schedule)
    options.emit({ type: 'started', backend: built.backend, startStep: step, segment, numUnlabeled: split.unlabeled.length })
    return { ...built, strategy, feed, tracker, writer, segment, step, schedule }
  } catch (error) {
    // Lets go of the folder's lock: the run never started.
    await writer.close().catch(() => undefined)
    throw error
  }
}

/** Refuses a resume the rule forbids; else the schedule the session has trained with so far. */
function resumeSchedule(dir: string, manifest: SessionManifest, config: ExperimentConfig): LrSchedule {
  const planned = manifest.config.steps
  const refusal = resumeRefusal({
    checkpointStep: manifest.checkpointStep,
    plannedSteps: planned,
    requestedSteps: config.steps === planned ? null : config.steps
  })
  if (refusal) throw new AppError('conflict', `cannot resume ${dir}: ${refusal}`, { path: dir })
  // Sessions from before schedules were recorded: their config's steps set the length.
  return [...manifest.segments].reverse().find((s) => s.schedule !== undefined)?.schedule ?? scheduleFromConfig(manifest.config)
}

function sameIndices(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

