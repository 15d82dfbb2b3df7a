// FreeMatch's self-adaptive fairness loss (U freematch/utils.py entropy_loss), on the strong
// logits of the masked samples:
//   a = normalize(p~ / h~),  b = normalize(mean softmax(strong) / hist(argmax strong)),  1/0 -> 0
//   L_f = sum_c a_c log(b_c + 1e-12)
// a and the histogram scaler are constants (detached in USB); the gradient flows through the mean.
import * as tf from '@tensorflow/tfjs'

function invOrZero(values: number[]): number[] {
  return values.map((v) => (v > 0 ? 1 / v : 0))
}

function normalize(values: number[]): number[] {
  const sum = values.reduce((s, v) => s + v, 0)
  return values.map((v) => v / sum)
}

/** The loss as a scalar tensor; null when no sample is masked (USB then adds 0). */
export function fairnessLoss(logitsS: tf.Tensor2D, mask: Uint8Array, pModel: number[], labelHist: number[]): tf.Scalar | null {
  const rows: number[] = []
  mask.forEach((m, i) => {
    if (m) rows.push(i)
  })
  if (rows.length === 0) return null
  const numClasses = logitsS.shape[1]
  // The masked rows' mean as a product with the mask (a gather's gradient needs
  // UnsortedSegmentSum, which the wasm backend lacks).
  const probS = tf.softmax(logitsS)
  const argmax = tf.argMax(probS, 1).dataSync()
  const hist = new Array<number>(numClasses).fill(0)
  for (const i of rows) hist[argmax[i]] += 1 / rows.length
  const a = normalize(pModel.map((p, c) => p * invOrZero(labelHist)[c]))
  const select = tf.tensor2d(Float32Array.from(mask, (m) => (m ? 1 / rows.length : 0)), [1, mask.length])
  const meanProb = tf.reshape(tf.matMul(select, probS), [numClasses])
  const scaled = tf.mul(meanProb, tf.tensor1d(invOrZero(hist)))
  const b = tf.div(scaled, tf.sum(scaled))
  return tf.sum(tf.mul(tf.tensor1d(a), tf.log(tf.add(b, 1e-12)))) as tf.Scalar
}
