import type * as tf from '@tensorflow/tfjs'
import type { ModelArch } from '../../shared/config/experiment-config'
import type { CheckpointPolicy } from './checkpoint-policy'

export interface ModelOptions {
  arch: ModelArch
  numClasses: number
  /** [height, width, channels] of one input image. */
  inputShape: [number, number, number]
  /** TF.js terms: new = momentum * old + (1 - momentum) * batch. */
  bnMomentum: number
  leakySlope: number
  /** Seeds the initializers: the same seed gives the same weights. */
  seed: number
  /** Gradient checkpointing of WRN residual blocks (checkpoint-policy.ts); default 'auto'. */
  checkpoint?: CheckpointPolicy
}

/** A named trainable parameter; decay = whether weight decay applies (not biases, not BatchNorm). */
export interface ModelParam {
  name: string
  variable: tf.Variable
  decay: boolean
}

/**
 * A functional model with explicit variables, so the trainer controls BatchNorm,
 * weight decay, EMA and checkpoints exactly as the spec says.
 */
export interface SslModel {
  readonly options: ModelOptions
  readonly params: ModelParam[]
  /** BatchNorm moving mean and variance, by name (not trainable, not averaged by EMA). */
  readonly buffers: { name: string; variable: tf.Variable }[]
  /**
   * Logits for a normalized NHWC batch. training=true uses batch statistics and
   * assigns the BatchNorm moving statistics; training=false uses the moving statistics.
   */
  apply(x: tf.Tensor4D, training: boolean): tf.Tensor2D
  /** Trainable parameters as PyTorch counts them: BatchNorm gamma/beta included, moving statistics not. */
  countParams(): number
  dispose(): void
}
