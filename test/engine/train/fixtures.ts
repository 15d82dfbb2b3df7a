// Shared fixtures for trainer tests: a small synthetic image dataset with learnable classes,
// a config sized for seconds on the cpu backend, and deps that use the tiny model.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { presetConfig } from '../../../src/shared/config/presets'
import type { ExperimentConfig } from '../../../src/shared/config/experiment-config'
import type { ImageDataset, ImageSplit } from '../../../src/node/data/types'
import { Rng, type SeedingVersion } from '../../../src/shared/rng'
import { Trainer, type TrainerDeps } from '../../../src/engine/train/trainer'
import { createTinyModel } from './tiny-model'

const SIDE = 8

/** Class c has a bright horizontal band at rows 2c..2c+1, plus noise. */
function makeSplit(count: number, rng: Rng): ImageSplit {
  const images = new Uint8Array(count * SIDE * SIDE)
  const labels = new Uint8Array(count)
  for (let i = 0; i < count; i++) {
    const c = i % 3
    labels[i] = c
    for (let p = 0; p < SIDE * SIDE; p++) {
      const row = Math.floor(p / SIDE)
      const band = row >= 2 * c + 1 && row <= 2 * c + 2
      images[i * SIDE * SIDE + p] = Math.min(255, (band ? 180 : 20) + rng.int(0, 60))
    }
  }
  return { images, labels, count }
}

export function syntheticDataset(): ImageDataset {
  const rng = new Rng(42)
  return {
    id: 'mnist',
    title: 'synthetic bands',
    classNames: ['a', 'b', 'c'],
    height: SIDE,
    width: SIDE,
    channels: 1,
    mean: [0.3],
    std: [0.3],
    flipByDefault: false,
    train: makeSplit(96, rng),
    test: makeSplit(30, rng),
    source: 'embedded'
  }
}

export function tinyConfig(overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  const config = presetConfig('quick-mnist')
  return {
    ...config,
    name: 'tiny',
    split: { ...config.split, labelsPerClass: 2 },
    algorithm: { ...config.algorithm, threshold: 0.6 },
    batch: { labeled: 4, mu: 2 },
    optimizer: { ...config.optimizer, lr: 0.05 },
    steps: 12,
    evalInterval: 5,
    sweepInterval: 6,
    checkpointInterval: 0,
    backend: 'cpu',
    ...overrides
  }
}

export function tinyDeps(dataset: ImageDataset = syntheticDataset()): Partial<TrainerDeps> {
  return {
    selectBackend: async () => ({ name: 'cpu', device: 'js-cpu', detail: 'test' }),
    loadDataset: async () => dataset,
    createModel: (o) =>
      createTinyModel({ height: o.inputShape[0], width: o.inputShape[1], channels: o.inputShape[2], numClasses: 3, center: true, seed: o.seed })
  }
}

/** A new session run until it has recorded `step`, then stopped (checkpointed), as a user's Stop does. */
export async function runStoppedAt(config: ExperimentConfig, dir: string, step: number, options: { seeding?: SeedingVersion } = {}): Promise<void> {
  const trainer: Trainer = new Trainer({
    config,
    sessionDir: dir,
    resume: false,
    eventIntervalMs: 0,
    deps: tinyDeps(),
    ...options,
    emit: (e) => {
      if (e.type === 'metrics' && e.records.some((r) => r.step === step)) trainer.stop('user')
    }
  })
  const outcome = await trainer.run()
  if (outcome.status !== 'stopped' || outcome.step !== step) throw new Error(`expected a stop at step ${step}, got ${outcome.status} at ${outcome.step}`)
}

export async function tempSessionDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'pseudoscope-train-')), 'session')
}
