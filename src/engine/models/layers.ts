// Functional layers over explicit variables. A ParamStore creates the variables (seeded,
// uniquely named: the names are checkpoint keys, PyTorch state_dict style) and the layer
// functions compute with them; models call these inside the caller's tf.tidy.
import * as tf from '@tensorflow/tfjs'
import { Rng } from '../../shared/rng'
import type { ModelParam } from './types'
import { filled, glorotNormal, heNormalFanOut } from './init'
import { BN_EPSILON, batchMoments, batchNormTraining, type BatchStats } from './batch-norm'
import { leakyReluGrad } from '../backend/kernels/leaky-relu-grad'
import { spreadMeanGrad } from '../backend/kernels/spread-mean-grad'

export interface BatchNormVars {
  gamma: tf.Variable
  beta: tf.Variable
  movingMean: tf.Variable
  movingVar: tf.Variable
}

export interface DenseVars {
  weight: tf.Variable
  bias: tf.Variable
}

// tfjs variable names are global to the engine, so our names (which repeat across models,
// e.g. the live and EMA copies) stay in ModelParam and tfjs picks its own.
function makeVariable(values: Float32Array, shape: number[], trainable: boolean): tf.Variable {
  const initial = tf.tensor(values, shape, 'float32')
  const variable = tf.variable(initial, trainable)
  initial.dispose()
  return variable
}

export class ParamStore {
  readonly params: ModelParam[] = []
  readonly buffers: { name: string; variable: tf.Variable }[] = []
  private readonly names = new Set<string>()
  private readonly rng: Rng

  constructor(seed: number) {
    this.rng = new Rng(seed)
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`duplicate parameter name ${name}`)
    this.names.add(name)
    return name
  }

  private param(name: string, values: Float32Array, shape: number[], decay: boolean): tf.Variable {
    const variable = makeVariable(values, shape, true)
    this.params.push({ name: this.claim(name), variable, decay })
    return variable
  }

  private buffer(name: string, values: Float32Array, shape: number[]): tf.Variable {
    const variable = makeVariable(values, shape, false)
    this.buffers.push({ name: this.claim(name), variable })
    return variable
  }

  /** A bias-free conv filter [k, k, inC, outC], He-normal fan-out. */
  conv(name: string, k: number, inC: number, outC: number): tf.Variable {
    const shape: [number, number, number, number] = [k, k, inC, outC]
    return this.param(`${name}.weight`, heNormalFanOut(this.rng, shape), shape, true)
  }

  /** gamma 1, beta 0 (no weight decay), moving mean 0 and variance 1 (PyTorch's start). */
  batchNorm(name: string, channels: number): BatchNormVars {
    return {
      gamma: this.param(`${name}.weight`, filled(channels, 1), [channels], false),
      beta: this.param(`${name}.bias`, filled(channels, 0), [channels], false),
      movingMean: this.buffer(`${name}.running_mean`, filled(channels, 0), [channels]),
      movingVar: this.buffer(`${name}.running_var`, filled(channels, 1), [channels])
    }
  }

  /** Glorot-normal weight [in, out], zero bias (not decayed). */
  dense(name: string, inF: number, outF: number): DenseVars {
    return {
      weight: this.param(`${name}.weight`, glorotNormal(this.rng, [inF, outF]), [inF, outF], true),
      bias: this.param(`${name}.bias`, filled(outF, 0), [outF], false)
    }
  }

  countParams(): number {
    return this.params.reduce((sum, p) => sum + p.variable.size, 0)
  }

  dispose(): void {
    for (const p of this.params) p.variable.dispose()
    for (const b of this.buffers) b.variable.dispose()
  }
}

export type Padding = 'same' | 'valid' | number

/** A numeric padding pads that many pixels on every side, as PyTorch's padding=p does. */
export function conv2d(x: tf.Tensor4D, filter: tf.Variable, stride: number, padding: Padding): tf.Tensor4D {
  const pad =
    typeof padding === 'number'
      ? ([[0, 0], [padding, padding], [padding, padding], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]])
      : padding
  return tf.conv2d(x, filter as tf.Tensor4D, stride, pad)
}

/**
 * Assigns moving = momentum * moving + (1 - momentum) * batch (TF.js convention). The
 * variance update uses the unbiased batch variance, as PyTorch's running_var does.
 */
function assignMovingStats(bn: BatchNormVars, stats: BatchStats, count: number, momentum: number): void {
  tf.tidy(() => {
    const unbiased = count > 1 ? tf.mul(stats.variance, count / (count - 1)) : stats.variance
    bn.movingMean.assign(tf.add(tf.mul(bn.movingMean, momentum), tf.mul(stats.mean, 1 - momentum)))
    bn.movingVar.assign(tf.add(tf.mul(bn.movingVar, momentum), tf.mul(unbiased, 1 - momentum)))
  })
}

/** Updates only the moving statistics from x (K's dead BN1 layers still do this in training). */
export function updateMovingStats(bn: BatchNormVars, x: tf.Tensor4D, momentum: number): void {
  tf.tidy(() => {
    assignMovingStats(bn, batchMoments(x), x.size / x.shape[3], momentum)
  })
}

/**
 * training: normalize with the batch statistics and update the moving ones (unless
 * updateStats is false: a checkpointed block's recompute); else use the moving ones.
 */
export function batchNorm(bn: BatchNormVars, x: tf.Tensor4D, training: boolean, momentum: number, updateStats = true): tf.Tensor4D {
  const beta = bn.beta as tf.Tensor1D
  const gamma = bn.gamma as tf.Tensor1D
  if (!training) return tf.batchNorm4d(x, bn.movingMean as tf.Tensor1D, bn.movingVar as tf.Tensor1D, beta, gamma, BN_EPSILON)
  const onStats = updateStats ? (stats: BatchStats) => assignMovingStats(bn, stats, x.size / x.shape[3], momentum) : () => undefined
  return batchNormTraining(x, gamma, beta, onStats)
}

/** tfjs's forward with a one-pass gradient (leaky-relu-grad.ts). */
export function leakyRelu<T extends tf.Tensor>(x: T, slope: number): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as T
    const save = args[1] as tf.GradSaveFunc
    save([input])
    return { value: tf.leakyRelu(input, slope), gradFunc: (dy: T, saved: tf.Tensor[]) => leakyReluGrad(dy, saved[0] as T, slope) }
  })
  return op(x) as T
}

/**
 * Mean over H and W: [N, H, W, C] -> [N, C], as a full-window average pool (a mean over
 * inner axes transposes first on wasm). Its gradient is dy / (H * W) spread over H and W
 * (spread-mean-grad.ts): the stock AvgPoolGrad on wasm loops over every window position.
 */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = x.shape
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.reshape(tf.avgPool(args[0] as tf.Tensor4D, [h, w], 1, 'valid'), [n, c]) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D) => spreadMeanGrad(dy, [n, h, w, c], 1 / (h * w))
  }))
  return op(x) as tf.Tensor2D
}

export function dense(x: tf.Tensor2D, vars: DenseVars): tf.Tensor2D {
  return tf.add(tf.matMul(x, vars.weight as tf.Tensor2D), vars.bias)
}
