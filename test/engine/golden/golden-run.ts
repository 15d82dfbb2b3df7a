// Runs the engine's step (FixMatch, or the fixture's algorithm) on a golden fixture and measures, per quantity, the worst
// error against PyTorch (GoldenFixture.error: |engine - torch| over the tensor's scale).
import * as tf from '@tensorflow/tfjs'
import { normalizeInto } from '../../../src/node/data/normalize'
import { createModel } from '../../../src/engine/models'
import type { ModelParam } from '../../../src/engine/models/types'
import { ParamEma } from '../../../src/engine/train/ema'
import { fixmatchStep, type FixMatchBatch, type StepInternals } from '../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'
import { learningRate } from '../../../src/engine/train/schedule'
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import { goldenStrategy, stateFailures } from './golden-algorithm'
import type { GoldenFixture } from './golden-fixture'

/** ruleWeight: the rule's per-sample weights; state: the algorithm's own (thresholds, EMAs, selections). */
export const QUANTITIES = ['logits', 'losses', 'confidence', 'ruleWeight', 'state', 'grad', 'weight', 'momentum', 'buffer', 'ema'] as const
export type Quantity = (typeof QUANTITIES)[number]

/** Per quantity, the tensor closest to (or furthest past) its tolerance. */
export type WorstErrors = Record<Quantity, { error: number; tolerance: number; at: string }>

export interface GoldenReport {
  /** Worst error per quantity and step over all tensors, with where it was. */
  steps: WorstErrors[]
  /** Every tensor past its tolerance, as "key: error > tolerance". */
  failures: string[]
  /** Steps whose pseudo-labels or mask differ from PyTorch's. */
  labelMismatches: string[]
  lrs: number[]
}

/** Deliberate mistakes, to show the comparison catches them. */
export interface Perturbation {
  /** Apply weight decay to every parameter, BatchNorm and biases included. */
  decayEverything?: boolean
  /** Scale the EMA's (1 - decay). */
  emaDecay?: number
  nesterov?: boolean
  /** Another strategy than the fixture's algorithm (a changed rule or setting). */
  strategy?: (meta: GoldenFixture['meta']) => MaskStrategy
  /** DeFixMatch: forward the weak labeled images where its labeled strong view goes. */
  weakAsLabeledStrong?: boolean
}

function loadInitialWeights(fixture: GoldenFixture, params: ModelParam[], buffers: { name: string; variable: tf.Variable }[]): void {
  for (const { name, variable } of [...params, ...buffers]) {
    const key = `init/${name}`
    variable.assign(tf.tensor(fixture.f32(key), fixture.shape(key), 'float32'))
  }
}

function batchOf(fixture: GoldenFixture, step: number, weakAsLabeledStrong = false): FixMatchBatch {
  const { mean, std, inputShape } = fixture.meta
  const norm = (key: string) => normalizeInto(fixture.u8(`step${step}/batch/${key}`), mean, std, inputShape[2])
  return {
    labeled: norm('labeled'),
    labels: fixture.i32(`step${step}/batch/labels`),
    weak: norm('weak'),
    strong: norm('strong'),
    // DeFixMatch's strong view of the labeled batch.
    ...(fixture.has(`step${step}/batch/labeledStrong`) ? { labeledStrong: norm(weakAsLabeledStrong ? 'labeled' : 'labeledStrong') } : {}),
    unlabeledPositions: fixture.has(`step${step}/batch/positions`)
      ? fixture.i32(`step${step}/batch/positions`)
      : Int32Array.from({ length: fixture.meta.unlabeled }, (_, i) => i),
    imageShape: inputShape
  }
}

export function runGolden(fixture: GoldenFixture, perturb: Perturbation = {}): GoldenReport {
  const m = fixture.meta
  const model = createModel({ arch: m.arch, numClasses: m.numClasses, inputShape: m.inputShape, bnMomentum: m.bnMomentum, leakySlope: m.leakySlope, seed: 0 })
  const names = model.params.map((p) => p.name)
  if (names.join() !== m.params.join()) throw new Error(`parameter names differ from PyTorch's:\n${names.join()}\n${m.params.join()}`)
  const decayDiffers = model.params.filter((p) => p.decay !== m.decay[p.name]).map((p) => p.name)
  if (decayDiffers.length > 0 && !perturb.decayEverything) throw new Error(`weight decay differs from PyTorch's on ${decayDiffers.join(', ')}`)
  loadInitialWeights(fixture, model.params, model.buffers)
  const params = perturb.decayEverything ? model.params.map((p) => ({ ...p, decay: true })) : model.params
  const optimizer = new SgdOptimizer(params, { momentum: m.momentum, nesterov: perturb.nesterov ?? m.nesterov, weightDecay: m.weightDecay })
  const ema = new ParamEma(model.params, perturb.emaDecay ?? m.emaDecay)
  const strategy = perturb.strategy ? perturb.strategy(m) : goldenStrategy(m)
  const steps: WorstErrors[] = []
  const failures: string[] = []
  const note = (quantity: Quantity, key: string, actual: Float32Array) => {
    const error = fixture.error(key, actual)
    const tolerance = fixture.tolerance(key)
    if (!(error <= tolerance)) failures.push(`${key}: ${error.toExponential(2)} > ${tolerance.toExponential(2)}`)
    const worst = steps[steps.length - 1][quantity]
    if (!(error / tolerance <= worst.error / worst.tolerance)) steps[steps.length - 1][quantity] = { error, tolerance, at: key }
  }
  const labelMismatches: string[] = []
  const lrs: number[] = []
  const schedule = { name: 'cosine' as const, lr: m.lr, totalSteps: m.totalSteps, warmupSteps: 0, cosineCycles: m.cosineCycles }
  try {
    for (let step = 1; step <= m.steps; step++) {
      const s = `step${step}`
      steps.push(Object.fromEntries(QUANTITIES.map((q) => [q, { error: 0, tolerance: 1, at: '' }])) as WorstErrors)
      const lr = learningRate(step - 1, schedule)
      lrs.push(lr)
      let seen: StepInternals | null = null
      const out = fixmatchStep({ model, optimizer, ema, strategy }, batchOf(fixture, step, perturb.weakAsLabeledStrong), {
        temperature: m.temperature,
        lambdaU: m.lambdaU,
        lr,
        step,
        inspect: (view) => (seen = view)
      })
      const internals = seen as StepInternals | null
      if (!internals) throw new Error('the step was not inspected')
      note('logits', `${s}/logits`, internals.logits)
      // The other algorithms' fixtures hold FreeMatch's fairness loss (0 for the rest) before the total.
      const losses = m.algorithm ? [out.lossX, out.lossU, out.lossFairness ?? 0, out.loss] : [out.lossX, out.lossU, out.loss]
      note('losses', `${s}/losses`, Float32Array.from(losses))
      // DeFixMatch's anti term (in the total) and the labeled batch's anti labels and mask_lb.
      if (fixture.has(`${s}/lossAnti`)) {
        note('losses', `${s}/lossAnti`, Float32Array.of(out.lossAnti ?? Number.NaN))
        if (Array.from(out.anti?.pseudo ?? []).join() !== Array.from(fixture.i32(`${s}/antiPseudo`)).join()) labelMismatches.push(`${s} anti pseudo-labels`)
        if (Array.from(out.anti?.weight ?? []).join() !== Array.from(fixture.u8(`${s}/maskLabeled`)).join()) labelMismatches.push(`${s} mask_lb`)
      }
      note('confidence', `${s}/confidence`, out.confidence)
      if (fixture.has(`${s}/ruleWeight`)) note('ruleWeight', `${s}/ruleWeight`, out.weight)
      failures.push(...stateFailures(fixture, step, strategy, (key, actual) => note('state', key, actual)))
      if (Array.from(out.pseudo).join() !== Array.from(fixture.i32(`${s}/pseudo`)).join()) labelMismatches.push(`${s} pseudo-labels`)
      if (Array.from(out.mask).join() !== Array.from(fixture.u8(`${s}/mask`)).join()) labelMismatches.push(`${s} mask`)
      for (const [name, grad] of internals.grads) note('grad', `${s}/grad/${name}`, grad)
      for (const p of model.params) note('weight', `${s}/weight/${p.name}`, p.variable.dataSync() as Float32Array)
      for (const slot of optimizer.getSlots()) note('momentum', `${s}/momentum/${slot.name}`, slot.tensor.dataSync() as Float32Array)
      for (const b of model.buffers) note('buffer', `${s}/buffer/${b.name}`, b.variable.dataSync() as Float32Array)
      for (const w of ema.getWeights()) note('ema', `${s}/ema/${w.name}`, w.tensor.dataSync() as Float32Array)
    }
  } finally {
    model.dispose()
    optimizer.dispose()
    ema.dispose()
  }
  return { steps, failures, labelMismatches, lrs }
}
