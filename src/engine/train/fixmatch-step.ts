// One FixMatch step (spec/fixmatch.md; K train.py): a single training-mode forward over
// [labeled | weak | strong], so BatchNorm sees all three; pseudo-labels from the weak view
// with no gradient; Lu divided by the full unlabeled batch. True labels of unlabeled samples
// are not an input here. The strategy picks the variant: Pseudo-Label forwards the weak view
// alone (BN running stats frozen) and trains on it; FreeMatch adds its fairness loss; DeFixMatch
// also forwards the labeled batch's strong view and subtracts its anti term; Pi-Model and Mean
// Teacher forward a second weak view alone (BN running stats frozen) and pull its softmax toward
// the weak view's by squared error, Mean Teacher's weak view read through the EMA weights.
import * as tf from '@tensorflow/tfjs'
import { fairnessLoss } from '../algorithms/fairness-loss'
import { lossTargets } from '../../shared/algorithms/soft-targets'
import type { AntiTargets, MaskOutput, MaskStrategy } from '../../shared/algorithms/mask-strategy'
import type { StepAblation } from '../algorithms/oracle-ablation'
import type { PseudoLabelRule } from '../../shared/pseudo-label-rule'
import type { SslModel } from '../models/types'
import type { ParamEma } from './ema'
import type { SgdOptimizer } from './optimizer'

export interface FixMatchBatch {
  /** Normalized NHWC float images. */
  labeled: Float32Array
  labels: Int32Array
  weak: Float32Array
  /** The unlabeled batch's second view: strong, or a second weak one for the 'two-weak' forward. */
  strong: Float32Array
  /** The labeled batch's strong view, for strategies that forward it ('debiased': DeFixMatch). */
  labeledStrong?: Float32Array
  /** Positions of the unlabeled batch in the unlabeled set (for stateful strategies). */
  unlabeledPositions: Int32Array
  /** [height, width, channels]. */
  imageShape: [number, number, number]
}

export interface FixMatchStepOptions {
  /** Read only by strategies whose rule reads softmax(logits / T) (FixMatch). */
  temperature: number
  lambdaU: number
  lr: number
  step: number
  /** Sees the logits and each parameter's loss gradient (by parameter name) before the update. */
  inspect?: (view: StepInternals) => void
  /** Oracle ablation runs only (issue 27): edits the loss targets with the batch's true labels. */
  ablate?: StepAblation
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
  /** FreeMatch's fairness loss (before its weight); null for other algorithms or nothing masked. */
  lossFairness: number | null
  /** DeFixMatch's anti term (anti_unsup_loss, before lambda_u; loss includes it); null for other algorithms. */
  lossAnti: number | null
  /** DeFixMatch's labels and weights (mask_lb) of the labeled batch in its anti term; null for other algorithms. */
  anti: AntiTargets | null
  /** Weak-view pseudo-labels, confidences, weights, mask and the rule, for diagnostics. */
  pseudo: Int32Array
  confidence: Float32Array
  weight: Float32Array
  mask: Uint8Array
  rule: PseudoLabelRule
  /** Targets or weights the oracle ablation changed; null without one. */
  ablationChanged: number | null
}

export interface StepParts {
  model: SslModel
  optimizer: SgdOptimizer
  ema: ParamEma | null
  strategy: MaskStrategy
}

/** Mean over rows of CE(logits, labels) weighted per row, divided by `divisor`. */
function weightedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D, divisor: number, soft: Float32Array | null = null): tf.Scalar {
  const numClasses = logits.shape[1]
  const logp = tf.logSoftmax(logits)
  const target = soft ? tf.tensor2d(soft, [labels.shape[0], numClasses]) : tf.oneHot(labels, numClasses)
  const nll = tf.neg(tf.sum(tf.mul(logp, target), 1))
  return tf.div(tf.sum(tf.mul(nll, weights)), divisor) as tf.Scalar
}

/** Mean over rows of mean_c (softmax(logits) - target)^2 weighted per row, divided by `divisor` (U consistency.py:27-29, 'mse'). */
function weightedSquaredError(logits: tf.Tensor2D, target: Float32Array, weights: tf.Tensor1D, divisor: number): tf.Scalar {
  const [n, numClasses] = logits.shape
  const perRow = tf.mean(tf.square(tf.sub(tf.softmax(logits), tf.tensor2d(target, [n, numClasses]))), 1)
  return tf.div(tf.sum(tf.mul(perRow, weights)), divisor) as tf.Scalar
}

/** Logits of `x` in training mode with BN's running statistics left as they were (U Bn_Controller freeze/unfreeze). */
function frozenBnForward(model: SslModel, x: tf.Tensor4D): tf.Tensor2D {
  const saved = model.buffers.map((b) => b.variable.clone())
  const logits = model.apply(x, true)
  model.buffers.forEach((b, i) => b.variable.assign(saved[i]))
  return logits
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
  let lossFairness: number | null = null
  let lossAnti: number | null = null
  let ablationChanged: number | null = null
  let logitsSeen: Float32Array | null = null
  const weakOnly = strategy.forward === 'weak-only'
  const twoWeak = strategy.forward === 'two-weak'
  if (twoWeak && strategy.teacher === 'ema' && !ema) throw new Error(`${strategy.name}'s teacher is the model's EMA, and this run keeps none`)
  const debiased = strategy.forward === 'debiased'
  if (debiased && batch.labeledStrong?.length !== batch.labeled.length) throw new Error('this algorithm forwards the labeled batch\'s strong view, and the batch has none')
  const temperature = strategy.readsTemperature ? options.temperature : 1
  const result = tf.tidy(() => {
    const labeledX = tf.tensor4d(batch.labeled, [nx, h, w, c])
    const weakX = tf.tensor4d(batch.weak, [nu, h, w, c])
    const labels = tf.tensor1d(batch.labels, 'int32')
    const vars = model.params.map((p) => p.variable)
    // Pi-Model's and Mean Teacher's targets (U pimodel.py:39-51, meanteacher.py:44-51): the weak
    // view with BN's running statistics frozen, through the EMA weights for Mean Teacher's teacher.
    // Before the tape: no gradient flows through a target, no variable the tape reads is swapped
    // under it, and its activations are freed before the backward pass. Training-mode BN normalizes
    // by the batch, so running it before the labeled forward changes no value.
    const targetLogits = twoWeak
      ? tf.tidy(() => (strategy.teacher === 'ema' && ema ? ema.withEmaWeights(() => frozenBnForward(model, weakX)) : frozenBnForward(model, weakX)))
      : null
    const { value, grads } = tf.variableGrads(() => {
      if (strategy.forward === 'labeled-only') {
        // The supervised bounds (U fullysupervised): mean CE on the labeled batch, nothing else.
        const logitsL = model.apply(labeledX, true)
        if (options.inspect) logitsSeen = Float32Array.from(logitsL.dataSync())
        masked = strategy.compute({ probs: new Float32Array(0), numClasses, unlabeledPositions: batch.unlabeledPositions, step: options.step })
        const lossL = weightedCrossEntropy(logitsL, labels, tf.ones([nx]), nx)
        lossX = lossL.dataSync()[0]
        return lossL
      }
      let logitsX: tf.Tensor2D
      let logitsW: tf.Tensor2D
      let logitsU: tf.Tensor2D
      // DeFixMatch's strong view of the labeled batch (U defixmatch.py:56), null for the others.
      let logitsXS: tf.Tensor2D | null = null
      if (twoWeak) {
        // U pimodel.py:39-51, meanteacher.py:40-57: the labeled forward updates BN's running
        // statistics; the weak view (targetLogits, above) and the second weak view do not.
        logitsX = model.apply(labeledX, true)
        logitsW = targetLogits as tf.Tensor2D
        logitsU = frozenBnForward(model, tf.tensor4d(batch.strong, [nu, h, w, c]))
        if (options.inspect) logitsSeen = Float32Array.from(tf.concat([logitsX, logitsW, logitsU]).dataSync())
      } else if (weakOnly) {
        // U pseudolabel.py: labeled forward, then the weak view with Bn_Controller freezing
        // the running statistics (batch statistics still normalize it).
        logitsX = model.apply(labeledX, true)
        logitsW = frozenBnForward(model, weakX)
        logitsU = logitsW
        if (options.inspect) logitsSeen = Float32Array.from(tf.concat([logitsX, logitsW]).dataSync())
      } else {
        // DeFixMatch (U defixmatch.py:53-57, use_cat): [labeled | labeled strong | weak | strong].
        const labeledViews = debiased && batch.labeledStrong ? [labeledX, tf.tensor4d(batch.labeledStrong, [nx, h, w, c])] : [labeledX]
        const nl = labeledViews.length * nx
        const logits = model.apply(tf.concat([...labeledViews, weakX, tf.tensor4d(batch.strong, [nu, h, w, c])]), true)
        if (options.inspect) logitsSeen = Float32Array.from(logits.dataSync())
        logitsX = tf.slice(logits, [0, 0], [nx, numClasses])
        if (nl > nx) logitsXS = tf.slice(logits, [nx, 0], [nx, numClasses])
        logitsW = tf.slice(logits, [nl, 0], [nu, numClasses])
        logitsU = tf.slice(logits, [nl + nu, 0], [nu, numClasses])
      }
      // Read the weak-view probabilities out: pseudo-labels and weights re-enter as constants,
      // so no gradient flows through them (K: detach).
      const probs = tf.softmax(tf.div(logitsW, temperature)).dataSync() as Float32Array
      // softmax of the labeled logits, read once, for strategies that look at it (AdaMatch, UDA's TSA).
      const labeledProbs = strategy.readsLabeled || strategy.labeledWeights ? (tf.softmax(logitsX).dataSync() as Float32Array) : null
      const labeled = strategy.readsLabeled && labeledProbs ? { probs: labeledProbs, labels: batch.labels } : undefined
      const out = strategy.compute({ probs, numClasses, unlabeledPositions: batch.unlabeledPositions, step: options.step, labeled })
      masked = out
      // An oracle ablation changes only Lu's targets and weights; the strategy's state and the
      // diagnostics keep the rule's own pseudo-labels (oracle-ablation.ts).
      const targets = options.ablate ? options.ablate(out) : null
      if (targets) ablationChanged = targets.changed
      // UDA's TSA drops some labeled samples from Lx (still divided by nx, U uda.py:78).
      const lxWeights = labeledProbs && strategy.labeledWeights ? strategy.labeledWeights(labeledProbs, batch.labels, options.step) : null
      const lxWeight = lxWeights ? tf.tensor1d(lxWeights) : tf.ones<tf.Rank.R1>([nx])
      const lxWeak = weightedCrossEntropy(logitsX, labels, lxWeight, nx)
      // DeFixMatch's sup_loss: the mean of both views' CE (U defixmatch.py:76).
      const lx = logitsXS ? (tf.mul(tf.add(lxWeak, weightedCrossEntropy(logitsXS, labels, lxWeight, nx)), 0.5) as tf.Scalar) : lxWeak
      const pseudoU = targets?.pseudo ?? out.pseudo
      const soft = lossTargets(out.targets, out.pseudo, pseudoU, numClasses)
      const luWeight = tf.tensor1d(targets?.weight ?? out.weight)
      // Pi-Model, Mean Teacher: squared error against the weak view's softmax (an oracle-replaced row: its one-hot).
      if (twoWeak && !soft) throw new Error(`${strategy.name} forwards two weak views but gave no targets`)
      const lu = twoWeak && soft ? weightedSquaredError(logitsU, soft, luWeight, nu) : weightedCrossEntropy(logitsU, tf.tensor1d(pseudoU, 'int32'), luWeight, nu, soft)
      lossX = lx.dataSync()[0]
      lossU = lu.dataSync()[0]
      // DeFixMatch: Lu less the anti term, CE of the labeled strong view against the rule's labels
      // of the weak labeled view under mask_lb, divided by nx (U defixmatch.py:111-116).
      let unsup: tf.Scalar = lu
      if (debiased) {
        if (!out.anti || !logitsXS) throw new Error(`${strategy.name} forwards the labeled strong view but gave no anti targets`)
        const la = weightedCrossEntropy(logitsXS, tf.tensor1d(out.anti.pseudo, 'int32'), tf.tensor1d(out.anti.weight), nx)
        lossAnti = la.dataSync()[0]
        unsup = tf.sub(lu, la) as tf.Scalar
      }
      let total = tf.add(lx, tf.mul(unsup, options.lambdaU * strategy.unsupScale(options.step))) as tf.Scalar
      const fairness = strategy.fairnessTargets?.()
      if (fairness) {
        const lf = fairnessLoss(logitsU, out.mask, fairness.pModel, fairness.labelHist)
        if (lf) {
          lossFairness = lf.dataSync()[0]
          total = tf.add(total, tf.mul(lf, fairness.weight)) as tf.Scalar
        }
      }
      return total
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
  const { pseudo, confidence, weight, mask, rule } = masked
  return { lossX, lossU, loss: result, lossFairness, lossAnti, anti: masked.anti ?? null, pseudo, confidence, weight, mask, rule, ablationChanged }
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
