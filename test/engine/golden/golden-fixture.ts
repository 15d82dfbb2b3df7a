// Reads the PyTorch twin's golden-step fixtures (tools/torch-twin/golden.py) and compares engine
// tensors with them. A tensor over the sketch limit was stored as a sketch: values at fixed
// positions plus the sum and sum of squares of all values.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AlgorithmName, ModelArch, TsaSchedule } from '../../../src/shared/config/experiment-config'

const FIXTURES = join(import.meta.dirname, 'fixtures')

interface Blob {
  dtype: 'f32' | 'bf16' | 'u8' | 'i32'
  shape: number[]
  offset: number
  length: number
  sketch?: { sum: number; sumSq: number }
  /** PyTorch's own float32 error for this tensor (golden.py: |f32 - f64| over the scale). */
  torchF32Error?: number
}

/**
 * The engine's float32 result must be within TOLERANCE_FACTOR times PyTorch's own float32
 * error of the float64 result, per tensor, or within TOLERANCE_FLOOR of the tensor's scale
 * (summation order alone moves a float32 reduction by that much).
 */
export const TOLERANCE_FACTOR = 4
export const TOLERANCE_FLOOR = 3e-5

/** The committed fixtures: FixMatch per model (golden.py), the other algorithms on small-cnn (golden_algorithms.py). */
export const GOLDEN_FIXTURES = ['small-cnn', 'wrn-28-2', 'small-cnn-flexmatch', 'small-cnn-freematch', 'small-cnn-softmatch', 'small-cnn-pseudolabel', 'small-cnn-dash', 'small-cnn-adamatch', 'small-cnn-uda', 'small-cnn-defixmatch', 'small-cnn-pimodel', 'small-cnn-meanteacher', 'small-cnn-emathreshold'] as const
export type GoldenFixtureName = (typeof GOLDEN_FIXTURES)[number]

export interface GoldenMeta {
  /** Absent: FixMatch (K's step). */
  algorithm?: Exclude<AlgorithmName, 'fixmatch' | 'supervised' | 'fullysupervised'>
  /** Size of the unlabeled set the batches' positions index (FlexMatch's per-sample state). */
  unlabeledSet?: number
  /** USB's ema_p, ent_loss_ratio, n_sigma and unsup_warm_up. */
  emaP?: number
  fairnessWeight?: number
  nSigma?: number
  unsupWarmup?: number
  /** Dash's settings (DashSettings; no warm-up steps in the fixture). */
  sharpenTemperature?: number
  gamma?: number
  rhoC?: number
  rhoMin?: number
  rhoInterval?: number
  /** UDA's T and TSA schedule (its p_cutoff is the threshold). */
  udaTemperature?: number
  tsaSchedule?: TsaSchedule
  arch: ModelArch
  torch: string
  inputShape: [number, number, number]
  numClasses: number
  mean: number[]
  std: number[]
  labeled: number
  unlabeled: number
  steps: number
  bnMomentum: number
  leakySlope: number
  threshold: number
  temperature: number
  lambdaU: number
  lr: number
  lrs: number[]
  momentum: number
  nesterov: boolean
  weightDecay: number
  totalSteps: number
  cosineCycles: number
  emaDecay: number
  sketch: { limit: number; samples: number }
  params: string[]
  buffers: string[]
  /** PyTorch's weight-decay rule (K: no decay on names containing 'bias' or 'bn'). */
  decay: Record<string, boolean>
  blobs: Record<string, Blob>
}

export class GoldenFixture {
  readonly meta: GoldenMeta
  private readonly data: Buffer

  /** name: a committed fixture, or with dir a model golden.py wrote there (the bench's paper shapes). */
  constructor(name: GoldenFixtureName | ModelArch, dir = FIXTURES) {
    this.meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as GoldenMeta
    this.data = readFileSync(join(dir, `${name}.bin`))
  }

  has(key: string): boolean {
    return key in this.meta.blobs
  }

  private blob(key: string): Blob {
    const blob = this.meta.blobs[key]
    if (!blob) throw new Error(`golden fixture ${this.meta.arch} has no ${key}`)
    return blob
  }

  private bytes(blob: Blob): ArrayBuffer {
    // A copy: typed-array views need an aligned offset, and the caller may keep them.
    return new Uint8Array(this.data.subarray(blob.offset, blob.offset + blob.length)).buffer
  }

  u8(key: string): Uint8Array {
    return new Uint8Array(this.bytes(this.blob(key)))
  }

  i32(key: string): Int32Array {
    return new Int32Array(this.bytes(this.blob(key)))
  }

  /** A full float32 tensor (bfloat16 blobs widened exactly). */
  f32(key: string): Float32Array {
    const blob = this.blob(key)
    if (blob.sketch) throw new Error(`${key} is stored as a sketch`)
    if (blob.dtype === 'f32') return new Float32Array(this.bytes(blob))
    if (blob.dtype !== 'bf16') throw new Error(`${key} is ${blob.dtype}, not a float tensor`)
    const halves = new Uint16Array(this.bytes(blob))
    const bits = Uint32Array.from(halves, (h) => h << 16)
    return new Float32Array(bits.buffer)
  }

  shape(key: string): number[] {
    return this.blob(key).shape
  }

  tolerance(key: string): number {
    return Math.max(TOLERANCE_FLOOR, TOLERANCE_FACTOR * (this.blob(key).torchF32Error ?? 0))
  }

  /** Worst |actual - expected| over the tensor's scale (a sketch: at its positions, plus its moments). */
  error(key: string, actual: Float32Array): number {
    const blob = this.blob(key)
    const expected = new Float32Array(this.bytes(blob))
    if (!blob.sketch) {
      if (actual.length !== expected.length) throw new Error(`${key}: ${actual.length} values, expected ${expected.length}`)
      return compareFull(actual, expected)
    }
    return compareSketch(actual, expected, blob.sketch, this.meta.sketch.samples)
  }
}

/** The sample positions golden.py uses (exact integers in float64: n * 2^32 < 2^53). */
export function sketchPositions(n: number, samples: number): number[] {
  return Array.from({ length: samples }, (_, j) => (j * 2654435761 + 12345) % n)
}

// A floor keeps an all-zero tensor (a dead BN1's gradient) from dividing by zero.
const SCALE_FLOOR = 1e-8

function compareFull(actual: Float32Array, expected: Float32Array): number {
  let scale = SCALE_FLOOR
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  }
  return worst / scale
}

function compareSketch(actual: Float32Array, samples: Float32Array, sketch: { sum: number; sumSq: number }, count: number): number {
  const n = actual.length
  const rms = Math.sqrt(sketch.sumSq / n)
  let scale = Math.max(SCALE_FLOOR, rms)
  let worst = 0
  sketchPositions(n, count).forEach((p, j) => {
    scale = Math.max(scale, Math.abs(samples[j]))
    worst = Math.max(worst, Math.abs(actual[p] - samples[j]))
  })
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < n; i++) {
    sum += actual[i]
    sumSq += actual[i] * actual[i]
  }
  // Relative L2 error e bounds |d sum| by e * sqrt(n * sumSq) and |d sumSq| by about 2e * sumSq.
  const l2 = Math.sqrt(Math.max(sketch.sumSq, SCALE_FLOOR))
  const sumError = Math.abs(sum - sketch.sum) / (Math.sqrt(n) * l2)
  const sumSqError = Math.abs(sumSq - sketch.sumSq) / (2 * Math.max(sketch.sumSq, SCALE_FLOOR))
  return Math.max(worst / scale, sumError, sumSqError)
}
