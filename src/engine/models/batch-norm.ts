// Training-mode BatchNorm as one op with a hand-written gradient. tfjs's own batchNorm
// gradient tiles the statistics to the input's shape and its reductions over N, H, W
// transpose first; on wasm that made BatchNorm most of a training step. Here every
// reduction over N*H*W rows is a column sum (a project kernel on wasm, column-sums.ts), and
// the per-channel elementwise chains are one pass each (channel-ops.ts).
import * as tf from '@tensorflow/tfjs'
import { batchNormDx, channelAffine } from '../backend/kernels/channel-ops'
import { columnSums } from '../backend/kernels/column-sums'

export const BN_EPSILON = 1e-5

export interface BatchStats {
  /** Biased batch mean and variance, shape [C]. */
  mean: tf.Tensor1D
  variance: tf.Tensor1D
}

/**
 * The batch statistics of x [N, H, W, C] over N, H, W as column sums, with the centered rows
 * [N*H*W, C] they come from. No gradient: for custom-gradient ops and moving averages only.
 */
export function batchMoments(x: tf.Tensor4D): BatchStats & { centered: tf.Tensor2D } {
  const [n, h, w, channels] = x.shape
  const rows = n * h * w
  const x2 = tf.reshape(x, [rows, channels]) as tf.Tensor2D
  const mean = tf.mul(columnSums(x2), 1 / rows) as tf.Tensor1D
  const centered = tf.sub(x2, mean) as tf.Tensor2D
  const variance = tf.mul(columnSums(centered, centered), 1 / rows) as tf.Tensor1D
  return { mean, variance, centered }
}

/**
 * y = gamma * (x - mean) / sqrt(var + eps) + beta with the batch mean and (biased) variance
 * over N, H, W. onStats receives the batch statistics (e.g. to update moving averages); the
 * tensors it gets are freed after the call, so it must copy what it keeps (assign does).
 */
export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  onStats: (stats: BatchStats) => void
): tf.Tensor4D {
  const shape = x.shape
  const channels = shape[3]
  const rows = shape[0] * shape[1] * shape[2]
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D]
    const save = args[3] as tf.GradSaveFunc
    // Saves the input (which the tape holds anyway) rather than the normalized copy, and
    // recomputes that in the backward pass: one pass more, one activation-sized tensor less
    // per BatchNorm, which decides how large a WRN batch fits in the 4 GB wasm heap.
    const [value, mean, inv] = tf.tidy(() => {
      const { mean: batchMean, variance, centered } = batchMoments(input)
      onStats({ mean: batchMean, variance })
      const invStd = tf.reshape(tf.rsqrt(tf.add(variance, BN_EPSILON)), [1, channels])
      const scale = tf.mul(invStd, tf.reshape(g, [1, channels]))
      const y = channelAffine(centered, { mul: scale, add: b })
      return [tf.reshape(y, shape), batchMean, invStd]
    })
    save([input, mean, inv])
    return {
      value: value as tf.Tensor4D,
      // tidy: tfjs runs a custom gradient outside any scope of its own, so without one its
      // temporaries (four activation-sized tensors) would live until the backward pass ends.
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => tf.tidy(() => {
        const [x, batchMean, invStd] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor2D]
        const xh = channelAffine(tf.reshape(x, [rows, channels]), { sub: batchMean, mul: invStd })
        const dy2 = tf.reshape(dy, [rows, channels]) as tf.Tensor2D
        const dBeta = columnSums(dy2)
        const dGamma = columnSums(dy2, xh)
        // dx = gamma * invStd * (dy - mean(dy) - xhat * mean(dy * xhat))
        const dx = batchNormDx(dy2, xh, tf.mul(dBeta, 1 / rows), tf.mul(dGamma, 1 / rows), tf.mul(tf.reshape(g, [1, channels]), invStd))
        return [tf.reshape(dx, shape), dGamma, dBeta]
      })
    }
  })
  return op(x, gamma, beta)
}
