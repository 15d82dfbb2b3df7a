// A hand-made SslModel for engine tests: logits = (x - mean) W + b over flattened pixels.
// With center=true it is BatchNorm-like: training uses the batch mean and assigns a moving
// mean buffer; evaluation uses the buffer.
import * as tf from '@tensorflow/tfjs'
import type { ModelParam, SslModel } from '../../../src/engine/models/types'

let counter = 0

export interface TinyModelOptions {
  height: number
  width: number
  channels: number
  numClasses: number
  /** Initial W, row-major [features, classes]; seeded pseudo-random when omitted. */
  weights?: Float32Array
  bias?: Float32Array
  center?: boolean
  momentum?: number
  seed?: number
}

export function createTinyModel(o: TinyModelOptions): SslModel {
  const id = counter++
  const features = o.height * o.width * o.channels
  let s = o.seed ?? 1
  const rand = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return (s / 4294967296 - 0.5) * 0.2
  }
  const w0 = o.weights ?? Float32Array.from({ length: features * o.numClasses }, rand)
  const b0 = o.bias ?? new Float32Array(o.numClasses)
  // tidy frees the initial values; the variables keep their own copies.
  const w = tf.tidy(() => tf.variable(tf.tensor2d(w0, [features, o.numClasses]), true, `tiny${id}/dense/kernel`))
  const b = tf.tidy(() => tf.variable(tf.tensor1d(b0), true, `tiny${id}/dense/bias`))
  const mean = tf.tidy(() => tf.variable(tf.zeros([features]), false, `tiny${id}/bn/moving_mean`))
  const params: ModelParam[] = [
    { name: 'dense/kernel', variable: w, decay: true },
    { name: 'dense/bias', variable: b, decay: false }
  ]
  const momentum = o.momentum ?? 0.9
  return {
    options: {
      arch: 'small-cnn',
      numClasses: o.numClasses,
      inputShape: [o.height, o.width, o.channels],
      bnMomentum: momentum,
      leakySlope: 0.1,
      seed: o.seed ?? 1
    },
    params,
    buffers: [{ name: 'bn/moving_mean', variable: mean }],
    apply(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
      return tf.tidy(() => {
        let flat: tf.Tensor2D = tf.reshape(x, [x.shape[0], features])
        if (o.center) {
          if (training) {
            const batchMean = tf.mean(flat, 0)
            mean.assign(tf.add(tf.mul(mean, momentum), tf.mul(batchMean, 1 - momentum)))
            flat = tf.sub(flat, batchMean)
          } else {
            flat = tf.sub(flat, mean)
          }
        }
        return tf.add(tf.matMul(flat, w), b)
      })
    },
    countParams: () => features * o.numClasses + o.numClasses,
    dispose(): void {
      w.dispose()
      b.dispose()
      mean.dispose()
    }
  }
}
