// Checkpoint folder inside a session: the model in the tfjs weights format (model.json with a
// weightsManifest + weights.bin, params and BatchNorm buffers by name), the optimizer's
// momentum buffers and the EMA weights the same way, the trainer state as JSON (step, RNG and
// sampler states, strategy state) and the per-sample tracker as .npy files. Written into a
// temp folder and swapped in by rename, so a crash never leaves a half-written checkpoint.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { AppError } from '../../shared/errors'
import { SAMPLE_STATE_FIELDS, type SampleState } from '../../shared/metrics'
import type { StrategyState } from '../../shared/algorithms/mask-strategy'
import type { EpochSamplerState } from '../../node/data/sampler'
import type { SslModel } from '../models/types'
import { SEEDING_VERSIONS, type RngState, type SeedingVersion } from '../../shared/rng'
import { CHECKPOINT_DIR } from '../../node/session/layout'
import { decodeNpy, encodeNpy } from '../../node/session/npy'
import { checkedGroup, MAX_NPY_BYTES, present, readJsonPart, readPart, type WeightsGroup } from './checkpoint-read'
import type { ParamEma } from './ema'
import type { NamedTensor, SgdOptimizer } from './optimizer'

const FORMAT = 'pseudoscope-checkpoint'
const VERSION = 1

export interface TrainerState {
  step: number
  augRng: RngState
  labeledSampler: EpochSamplerState
  unlabeledSampler: EpochSamplerState
  strategy: StrategyState
  /** How the run's seeds became generators; absent in checkpoints from before version 2 (= 1). */
  seeding?: SeedingVersion
}

export interface CheckpointParts {
  model: SslModel
  optimizer: SgdOptimizer
  ema: ParamEma | null
}

interface CheckpointManifest {
  format: typeof FORMAT
  version: number
  step: number
  arch: string
  /** tfjs model.json convention: the model's params and BatchNorm buffers. */
  weightsManifest: WeightsGroup[]
  optimizer: WeightsGroup
  ema: WeightsGroup | null
}

async function encodeGroup(dir: string, file: string, tensors: NamedTensor[]): Promise<WeightsGroup> {
  const { data, specs } = await tf.io.encodeWeights(tensors.map((t) => ({ name: t.name, tensor: t.tensor })))
  await writeFile(join(dir, file), new Uint8Array(data), { flag: 'wx' })
  return { paths: [file], weights: specs }
}

function modelTensors(model: SslModel): NamedTensor[] {
  return [
    ...model.params.map((p) => ({ name: p.name, tensor: p.variable as tf.Tensor })),
    ...model.buffers.map((b) => ({ name: b.name, tensor: b.variable as tf.Tensor }))
  ]
}

export async function saveCheckpoint(sessionDir: string, parts: CheckpointParts, state: TrainerState, samples: SampleState): Promise<void> {
  const final = join(sessionDir, CHECKPOINT_DIR)
  const temp = `${final}.tmp-${process.pid}`
  await rm(temp, { recursive: true, force: true })
  await mkdir(temp, { recursive: true })
  const manifest: CheckpointManifest = {
    format: FORMAT,
    version: VERSION,
    step: state.step,
    arch: parts.model.options.arch,
    weightsManifest: [await encodeGroup(temp, 'weights.bin', modelTensors(parts.model))],
    optimizer: await encodeGroup(temp, 'optimizer.bin', parts.optimizer.getSlots()),
    ema: parts.ema ? await encodeGroup(temp, 'ema.bin', parts.ema.getWeights()) : null
  }
  // 'wx' in a folder just made: never into a file (or FIFO) someone left there.
  await writeFile(join(temp, 'model.json'), JSON.stringify(manifest, null, 1), { flag: 'wx' })
  await writeFile(join(temp, 'state.json'), JSON.stringify(state), { flag: 'wx' })
  for (const field of SAMPLE_STATE_FIELDS) await writeFile(join(temp, `samples-${field}.npy`), encodeNpy(samples[field]), { flag: 'wx' })
  const old = `${final}.old`
  await rm(old, { recursive: true, force: true })
  if (await present(final)) await rename(final, old)
  await rename(temp, final)
  await rm(old, { recursive: true, force: true })
}

/** The checkpoint folder, or the previous one when a swap was interrupted. */
async function checkpointPath(sessionDir: string): Promise<string | null> {
  const final = join(sessionDir, CHECKPOINT_DIR)
  if (await present(join(final, 'state.json'))) return final
  if (await present(join(`${final}.old`, 'state.json'))) return `${final}.old`
  return null
}

/** A group's tensors; model.json's paths and specs are checked before any file is opened. */
async function decodeGroup(sessionDir: string, dir: string, group: unknown): Promise<tf.NamedTensorMap> {
  const { file, weights, bytes: expected } = checkedGroup(group, join(dir, 'model.json'))
  const path = join(dir, file)
  const bytes = await readPart(sessionDir, dir, file, expected).catch((error: unknown) => {
    // Over the cap means longer than the specs say: damaged, as a short file is.
    if (error instanceof AppError && (error.details as { maxBytes?: unknown } | undefined)?.maxBytes === expected) {
      throw new AppError('session-corrupt', `checkpoint file ${path} is damaged: larger than the ${expected} bytes model.json lists`, { path })
    }
    throw error
  })
  if (bytes.byteLength !== expected) {
    throw new AppError('session-corrupt', `checkpoint file ${path} is damaged: ${bytes.byteLength} bytes, model.json lists ${expected}`, { path })
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  return tf.io.decodeWeights(buffer, weights)
}

function assignAll(targets: NamedTensor[], values: tf.NamedTensorMap, what: string): void {
  for (const t of targets) {
    const value = values[t.name]
    if (!value) throw new AppError('session-corrupt', `checkpoint ${what} lacks '${t.name}'`)
    if (!tf.util.arraysEqual(value.shape, t.tensor.shape)) {
      throw new AppError('session-corrupt', `checkpoint ${what} '${t.name}' has shape [${value.shape}], the model needs [${t.tensor.shape}]`)
    }
    ;(t.tensor as tf.Variable).assign(value)
  }
}

/**
 * The seeding rule of the session's checkpoint (1 when it predates the field), read before
 * anything is restored; null without a checkpoint (loadCheckpoint then says so).
 */
export async function readCheckpointSeeding(sessionDir: string): Promise<SeedingVersion | null> {
  const dir = await checkpointPath(sessionDir)
  if (!dir) return null
  const seeding = (await readJsonPart(sessionDir, dir, 'state.json')).seeding
  if (seeding === undefined) return 1
  if (!(SEEDING_VERSIONS as readonly unknown[]).includes(seeding)) {
    throw new AppError('session-unsupported-version', `checkpoint ${join(dir, 'state.json')}: seeding version ${JSON.stringify(seeding)} is not supported`)
  }
  return seeding as SeedingVersion
}

/** Restores model, optimizer and EMA in place; returns the trainer state and the per-sample state. */
export async function loadCheckpoint(sessionDir: string, parts: CheckpointParts): Promise<{ state: TrainerState; samples: SampleState }> {
  const dir = await checkpointPath(sessionDir)
  if (!dir) throw new AppError('not-found', `session ${sessionDir} has no checkpoint to resume from`)
  const manifest = (await readJsonPart(sessionDir, dir, 'model.json')) as unknown as CheckpointManifest
  if (!Array.isArray(manifest.weightsManifest) || !manifest.optimizer) {
    throw new AppError('session-corrupt', `checkpoint file ${join(dir, 'model.json')} is damaged: it lists no weights`, { path: join(dir, 'model.json') })
  }
  if (manifest.format !== FORMAT || manifest.version !== VERSION) {
    throw new AppError('session-unsupported-version', `checkpoint ${dir}/model.json: format ${manifest.format} v${manifest.version} is not supported`)
  }
  if (manifest.arch !== parts.model.options.arch) {
    throw new AppError('session-corrupt', `checkpoint is for ${manifest.arch}, the config asks for ${parts.model.options.arch}`)
  }
  const groups: tf.NamedTensorMap[] = []
  try {
    groups.push(await decodeGroup(sessionDir, dir, manifest.weightsManifest[0]))
    assignAll(modelTensors(parts.model), groups[0], 'weights')
    groups.push(await decodeGroup(sessionDir, dir, manifest.optimizer))
    parts.optimizer.setSlots(Object.entries(groups[1]).map(([name, tensor]) => ({ name, tensor })))
    if (parts.ema) {
      if (!manifest.ema) throw new AppError('session-corrupt', 'checkpoint has no EMA weights but the config enables EMA')
      groups.push(await decodeGroup(sessionDir, dir, manifest.ema))
      parts.ema.setWeights(Object.entries(groups[2]).map(([name, tensor]) => ({ name, tensor })))
    }
  } finally {
    for (const g of groups) Object.values(g).forEach((t) => t.dispose())
  }
  const state = (await readJsonPart(sessionDir, dir, 'state.json')) as unknown as TrainerState
  if (!Number.isInteger(state.step) || state.step < 0) {
    throw new AppError('session-corrupt', `checkpoint file ${join(dir, 'state.json')} is damaged: no step`, { path: join(dir, 'state.json') })
  }
  const samples = { step: state.step } as SampleState
  for (const field of SAMPLE_STATE_FIELDS) {
    const path = join(dir, `samples-${field}.npy`)
    const decoded = decodeNpy(new Uint8Array(await readPart(sessionDir, dir, `samples-${field}.npy`, MAX_NPY_BYTES)), path)
    ;(samples as unknown as Record<string, unknown>)[field] = decoded.data
  }
  return { state, samples }
}
