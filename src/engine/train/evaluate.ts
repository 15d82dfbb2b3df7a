// Eval-mode passes over whole image sets in batches (BatchNorm uses its moving statistics),
// yielding to the event loop between batches so commands keep arriving.
import * as tf from '@tensorflow/tfjs'
import { normalizeInto } from '../../node/data/normalize'
import type { ImageDataset, ImageSplit } from '../../node/data/types'
import type { SslModel } from '../models/types'

const EVAL_BATCH = 256

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Runs fn over consecutive batches of the given indices (all of the split when omitted). */
async function forBatches(
  dataset: ImageDataset,
  split: ImageSplit,
  indices: Int32Array | null,
  fn: (x: tf.Tensor4D, start: number, count: number) => void
): Promise<void> {
  const { height: h, width: w, channels: c } = dataset
  const size = h * w * c
  const total = indices ? indices.length : split.count
  const bytes = new Uint8Array(EVAL_BATCH * size)
  const floats = new Float32Array(EVAL_BATCH * size)
  for (let start = 0; start < total; start += EVAL_BATCH) {
    const count = Math.min(EVAL_BATCH, total - start)
    if (indices) {
      for (let j = 0; j < count; j++) {
        const i = indices[start + j]
        bytes.set(split.images.subarray(i * size, (i + 1) * size), j * size)
      }
    } else {
      bytes.set(split.images.subarray(start * size, (start + count) * size))
    }
    const x = normalizeInto(bytes.subarray(0, count * size), dataset.mean, dataset.std, c, floats)
    tf.tidy(() => fn(tf.tensor4d(x.subarray(0, count * size), [count, h, w, c]), start, count))
    await yieldToEventLoop()
  }
}

export interface TestResult {
  accuracy: number
  loss: number
  samples: number
  /** Per class: accuracy over the test images of that class (null: none in the split). */
  classAccuracy: (number | null)[]
}

/** Top-1 accuracy (overall and per class) and mean cross-entropy on the test split. */
export async function evaluateTest(model: SslModel, dataset: ImageDataset): Promise<TestResult> {
  const test = dataset.test
  let correct = 0
  let lossSum = 0
  const k = model.options.numClasses
  const classTotal = new Array<number>(k).fill(0)
  const classCorrect = new Array<number>(k).fill(0)
  await forBatches(dataset, test, null, (x, start, count) => {
    const logits = model.apply(x, false)
    const truth = Int32Array.from(test.labels.subarray(start, start + count))
    const labels = tf.tensor1d(truth, 'int32')
    const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, logits.shape[1])), 1))
    lossSum += tf.sum(nll).dataSync()[0]
    const predicted = tf.argMax(logits, 1).dataSync()
    truth.forEach((y, i) => {
      classTotal[y]++
      if (predicted[i] === y) {
        classCorrect[y]++
        correct++
      }
    })
  })
  const classAccuracy = classTotal.map((n, c) => (n > 0 ? classCorrect[c] / n : null))
  return { accuracy: test.count ? correct / test.count : 0, loss: test.count ? lossSum / test.count : 0, samples: test.count, classAccuracy }
}

/** softmax(logits / T) for the given train-set indices, row-major [n, classes]. */
export async function predictProbs(model: SslModel, dataset: ImageDataset, indices: Int32Array, temperature: number): Promise<Float32Array> {
  const k = model.options.numClasses
  const out = new Float32Array(indices.length * k)
  await forBatches(dataset, dataset.train, indices, (x, start) => {
    out.set(tf.softmax(tf.div(model.apply(x, false), temperature)).dataSync(), start * k)
  })
  return out
}
