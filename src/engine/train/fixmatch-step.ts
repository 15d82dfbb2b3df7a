// One FixMatch step (spec/fixmatch.md; K train.py): a single training-mode forward over
// [labeled | weak | strong], so BatchNorm sees all three; pseudo-labels from the weak view
// with no gradient; Lu divided by the full unlabeled batch. True labels of unlabeled samples
// are not an input here.
import * as tf from '@tensorflow/tfjs'
import type { MaskOutput, MaskStrategy } from '../algorithms/mask-strategy'
import type { SslModel } from '../models/types'
import type { ParamEma } from './ema'
import type { SgdOptimizer } from './optimizer'

export interface FixMatchBatch {
  /** Normalized NHWC float images. */
  labeled: Float32Array
  labels: Int32Array
  weak: Float32Array
  strong: Float32Array
  /** Positions of the unlabeled batch in the unlabeled set (for stateful strategies). */
  unlabeledPositions: Int32Array
  /** [height, width, channels]. */
  imageShape: [number, number, number]
}

export interface FixMatchStepOptions {
  temperature: number
  lambdaU: number
  lr: number
  step: number
  /** Sees the logits and each parameter's loss gradient (by parameter name) before the update. */
  inspect?: (view: StepInternals) => void
}

/** What the golden-step tests compare with PyTorch, read only when a step is inspected. */
export interface StepInternals {
  logits: Float32Array
  grads: Map<string, Float32Array>
}

export interface FixMatchStepResult {
  lossX: number
  lossU: number
  loss: number
  /** Weak-view pseudo-labels, confidences and mask, for diagnostics. */
  pseudo: Int32Array
  confidence: Float32Array
  mask: Uint8Array
}

export interface StepParts {
  model: SslModel
  optimizer: SgdOptimizer
  ema: ParamEma | null
  strategy: MaskStrategy
}

/** Mean over rows of CE(logits, labels) weighted per row, divided by `divisor`. */
function weightedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D, divisor: number): tf.Scalar {
  const numClasses = logits.shape[1]
  const logp = tf.logSoftmax(logits)
  const nll = tf.neg(tf.sum(tf.mul(logp, tf.oneHot(labels, numClasses)), 1))
  return tf.div(tf.sum(tf.mul(nll, weights)), divisor) as tf.Scalar
}

export function fixmatchStep(parts: StepParts, batch: FixMatchBatch, options: FixMatchStepOptions): FixMatchStepResult {
  const { model, optimizer, ema, strategy } = parts
  const [h, w, c] = batch.imageShape
  const pixels = h * w * c
  const nx = batch.labels.length
  const nu = batch.weak.length / pixels
  if (batch.labeled.length !== nx * pixels) throw new Error('labeled images and labels differ in count')
  if (batch.strong.length !== batch.weak.length) throw new Error('weak and strong views differ in count')
  if (batch.unlabeledPositions.length !== nu) throw new Error('unlabeled positions and images differ in count')
  const numClasses = model.options.numClasses

  // Set inside the gradient closure (the asserted type keeps TS from narrowing it to null).
  let masked = null as MaskOutput | null
  let lossX = 0
  let lossU = 0
  let logitsSeen: Float32Array | null = null
  const result = tf.tidy(() => {
    const input = tf.concat([
      tf.tensor4d(batch.labeled, [nx, h, w, c]),
      tf.tensor4d(batch.weak, [nu, h, w, c]),
      tf.tensor4d(batch.strong, [nu, h, w, c])
    ])
    const labels = tf.tensor1d(batch.labels, 'int32')
    const vars = model.params.map((p) => p.variable)
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.apply(input, true)
      if (options.inspect) logitsSeen = Float32Array.from(logits.dataSync())
      const logitsX = tf.slice(logits, [0, 0], [nx, numClasses])
      const logitsW = tf.slice(logits, [nx, 0], [nu, numClasses])
      const logitsS = tf.slice(logits, [nx + nu, 0], [nu, numClasses])
      // Read the weak-view probabilities out: pseudo-labels and weights re-enter as constants,
      // so no gradient flows through them (K: detach).
      const probs = tf.softmax(tf.div(logitsW, options.temperature)).dataSync() as Float32Array
      const out = strategy.compute({ probs, numClasses, unlabeledPositions: batch.unlabeledPositions, step: options.step })
      masked = out
      const lx = weightedCrossEntropy(logitsX, labels, tf.ones([nx]), nx)
      const lu = weightedCrossEntropy(logitsS, tf.tensor1d(out.pseudo, 'int32'), tf.tensor1d(out.weight), nu)
      lossX = lx.dataSync()[0]
      lossU = lu.dataSync()[0]
      return tf.add(lx, tf.mul(lu, options.lambdaU)) as tf.Scalar
    }, vars)
    if (options.inspect && logitsSeen) {
      const byName = new Map(model.params.map((p) => [p.name, Float32Array.from(grads[p.variable.name].dataSync())]))
      options.inspect({ logits: logitsSeen, grads: byName })
    }
    optimizer.step(grads, options.lr)
    return value.dataSync()[0]
  })
  ema?.update()
  if (!masked) throw new Error('the step produced no pseudo-labels')
  const { pseudo, confidence, mask } = masked
  return { lossX, lossU, loss: result, pseudo, confidence, mask }
}

/** A labeled-only supervised step (benchmark and ablation): mean CE, same optimizer. */
export function supervisedStep(parts: Pick<StepParts, 'model' | 'optimizer'>, images: Float32Array, labels: Int32Array, imageShape: [number, number, number], lr: number): number {
  const [h, w, c] = imageShape
  const n = labels.length
  return tf.tidy(() => {
    const x = tf.tensor4d(images, [n, h, w, c])
    const y = tf.tensor1d(labels, 'int32')
    const { value, grads } = tf.variableGrads(
      () => weightedCrossEntropy(parts.model.apply(x, true), y, tf.ones([n]), n),
      parts.model.params.map((p) => p.variable)
    )
    parts.optimizer.step(grads, lr)
    return value.dataSync()[0]
  })
}
