// Pi-Model and Mean Teacher inside real steps, on the hand-computable tiny step: the squared error
// of softmax(second weak view) against the weak view's softmax (no gradient through the target),
// the warm-up ramp, frozen BN statistics, Mean Teacher's EMA teacher, and the oracle ablations
// on soft targets with no mask.
import * as tf from '@tensorflow/tfjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { stepAblation } from '../../../src/engine/algorithms/oracle-ablation'
import { ParamEma } from '../../../src/engine/train/ema'
import { fixmatchStep, type StepInternals } from '../../../src/engine/train/fixmatch-step'
import { MeanTeacherStrategy } from '../../../src/shared/algorithms/meanteacher'
import { PiModelStrategy } from '../../../src/shared/algorithms/pimodel'
import { B, ce, logits, softmax, tinyBatch, tinyParts, W } from '../helpers/tiny-step'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

// The tiny batch: weak rows (2, 0) and (0, 2); its "strong" slot carries the second weak view, (1, 1) and (-1, 0.5).
const batch = tinyBatch()
const weak = [[2, 0], [0, 2]]
const second = [[1, 1], [-1, 0.5]]
const lx = (ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2
const sqError = (p: number[], q: number[]): number => p.reduce((s, v, c) => s + (v - q[c]) ** 2, 0) / p.length

const disposers: (() => void)[] = []
afterEach(() => disposers.splice(0).forEach((d) => d()))
function parts<S extends PiModelStrategy>(strategy: S, center = false) {
  const p = tinyParts(strategy, center)
  disposers.push(() => {
    p.model.dispose()
    p.optimizer.dispose()
  })
  return p
}

describe('Pi-Model step', () => {
  it('Lu is the mean squared error of the second view against the weak view, every sample at weight 1, ramped by the warm-up', () => {
    // Warm-up 0.4 of 10 steps: step 3 is it 2, scale 2 / 4.
    const out = fixmatchStep(parts(new PiModelStrategy(0.4, 10)), batch, { temperature: 1, lambdaU: 2, lr: 0, step: 3 })
    const lu = (sqError(softmax(logits(second[0])), softmax(logits(weak[0]))) + sqError(softmax(logits(second[1])), softmax(logits(weak[1])))) / 2
    expect(out.lossX).toBeCloseTo(lx, 5)
    expect(out.lossU).toBeCloseTo(lu, 6)
    expect(out.loss).toBeCloseTo(lx + 2 * 0.5 * lu, 6)
    // No mask: the low-confidence row (0.76) counts as the confident one (0.97) does; labels are the targets' argmax.
    expect(Array.from(out.mask)).toEqual([1, 1])
    expect(Array.from(out.weight)).toEqual([1, 1])
    expect(Array.from(out.pseudo)).toEqual([0, 1])
    expect(out.confidence[0]).toBeCloseTo(Math.max(...softmax(logits(weak[0]))), 5)
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0 })
    // At step 1 (it 0) the ramp is 0: the total is Lx alone.
    const first = fixmatchStep(parts(new PiModelStrategy(0.4, 10)), batch, { temperature: 1, lambdaU: 2, lr: 0, step: 1 })
    expect(first.loss).toBeCloseTo(lx, 6)
  })

  it('the gradient flows through the second view only (the weak view is a detached target)', () => {
    let seen: StepInternals | null = null
    fixmatchStep(parts(new PiModelStrategy(0, 10)), batch, { temperature: 1, lambdaU: 3, lr: 0, step: 1, inspect: (v) => (seen = v) })
    const targets = tf.tensor2d(weak.map((x) => softmax(logits(x))))
    const reference = tf.grads((w: tf.Tensor, b: tf.Tensor) => {
      const z = (x: number[][]) => tf.add(tf.matMul(tf.tensor2d(x), w.reshape([2, 3])), b) as tf.Tensor2D
      const lossX = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3), z([[1, 0], [0, 1]]))
      const lossU = tf.mean(tf.square(tf.sub(tf.softmax(z(second)), targets)))
      return tf.add(lossX, tf.mul(lossU, 3))
    })([tf.tensor1d(W), tf.tensor1d(B)])
    const grads = (seen as StepInternals | null)?.grads
    const expected = [reference[0].dataSync(), reference[1].dataSync()]
    Array.from(grads?.get('dense/kernel') ?? []).forEach((g, i) => expect(g).toBeCloseTo(expected[0][i], 5))
    Array.from(grads?.get('dense/bias') ?? []).forEach((g, i) => expect(g).toBeCloseTo(expected[1][i], 5))
    tf.dispose([targets, ...reference])
  })

  it('both unlabeled views leave BN statistics alone: only the labeled batch moves them', () => {
    const c = parts(new PiModelStrategy(0, 10), true)
    fixmatchStep(c, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    // 0.1 * mean((1, 0), (0, 1)) = (0.05, 0.05).
    Array.from(c.model.buffers[0].variable.dataSync()).forEach((v) => expect(v).toBeCloseTo(0.05, 6))
  })

  it('oracle-mask drops the wrong targets from Lu; oracle-correct trains toward the true label\'s one-hot', () => {
    // Pseudo-labels (0, 1); true labels (0, 2): the second is wrong and, with no mask, counts.
    const trueLabel = new Int32Array([0, 2])
    const mse = (x: number[], q: number[]) => sqError(softmax(logits(x)), q)
    const masked = fixmatchStep(parts(new PiModelStrategy(0, 10)), batch, {
      temperature: 1, lambdaU: 1, lr: 0, step: 1, ablate: stepAblation({ mode: 'oracle-mask', noiseRate: 0 }, trueLabel, 3, 0, 1)
    })
    expect(masked.ablationChanged).toBe(1)
    expect(masked.lossU).toBeCloseTo(mse(second[0], softmax(logits(weak[0]))) / 2, 6)
    const corrected = fixmatchStep(parts(new PiModelStrategy(0, 10)), batch, {
      temperature: 1, lambdaU: 1, lr: 0, step: 1, ablate: stepAblation({ mode: 'oracle-correct', noiseRate: 0 }, trueLabel, 3, 0, 1)
    })
    expect(corrected.lossU).toBeCloseTo((mse(second[0], softmax(logits(weak[0]))) + mse(second[1], [0, 0, 1])) / 2, 6)
    // The diagnostics keep the rule's own pseudo-labels.
    expect(Array.from(corrected.pseudo)).toEqual([0, 1])
  })
})

describe('Mean Teacher step', () => {
  const teacherW = W.map((v, i) => (i % 2 === 0 ? -v : 2 * v))

  it("the weak view's target comes from the EMA weights; the student's own weights train and stay in place", () => {
    const p = parts(new MeanTeacherStrategy(0, 10))
    const ema = new ParamEma(p.model.params, 0.5)
    disposers.push(() => ema.dispose())
    tf.tidy(() => ema.setWeights([{ name: 'dense/kernel', tensor: tf.tensor2d(teacherW, [2, 3]) }, { name: 'dense/bias', tensor: tf.tensor1d(B) }]))
    let seen: StepInternals | null = null
    const out = fixmatchStep({ ...p, ema }, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1, inspect: (v) => (seen = v) })
    const teacher = (x: number[]) => [0, 1, 2].map((k) => x[0] * teacherW[k] + x[1] * teacherW[3 + k] + B[k])
    const lu = (sqError(softmax(logits(second[0])), softmax(teacher(weak[0]))) + sqError(softmax(logits(second[1])), softmax(teacher(weak[1])))) / 2
    expect(out.lossU).toBeCloseTo(lu, 6)
    expect(Array.from(out.pseudo)).toEqual(weak.map((x) => teacher(x).indexOf(Math.max(...teacher(x)))))
    // Inspected logits: [labeled | teacher's weak | student's second weak].
    const seenLogits = Array.from((seen as StepInternals | null)?.logits ?? [])
    teacher(weak[1]).forEach((z, k) => expect(seenLogits[9 + k]).toBeCloseTo(z, 5))
    logits(second[0]).forEach((z, k) => expect(seenLogits[12 + k]).toBeCloseTo(z, 5))
    // lr 0: the live weights are back; then the EMA takes them in, 0.5 teacher + 0.5 student.
    Array.from(p.model.params[0].variable.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(W[i], 6))
    Array.from(ema.getWeights()[0].tensor.dataSync()).forEach((v, i) => expect(v).toBeCloseTo((teacherW[i] + W[i]) / 2, 6))
  })

  it("neither the teacher's forward nor the student's second view moves BN statistics: only the labeled batch does", () => {
    const c = parts(new MeanTeacherStrategy(0, 10), true)
    const ema = new ParamEma(c.model.params, 0.5)
    disposers.push(() => ema.dispose())
    fixmatchStep({ ...c, ema }, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    // 0.1 * mean((1, 0), (0, 1)) = (0.05, 0.05), as for Pi-Model.
    Array.from(c.model.buffers[0].variable.dataSync()).forEach((v) => expect(v).toBeCloseTo(0.05, 6))
  })

  it('refuses to step without the model EMA it takes its targets from', () => {
    expect(() => fixmatchStep(parts(new MeanTeacherStrategy(0, 10)), batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })).toThrow(/EMA/)
  })
})
