// Checkpointed WRN blocks change memory, not maths: a FixMatch step with every block
// checkpointed gives bit-identical logits, gradients, weights after SGD and BatchNorm moving
// statistics to the plain tape, on cpu and on wasm (project kernels), and keeps less alive.
import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { FixMatchStrategy } from '../../../src/shared/algorithms/fixmatch'
import { selectBackend } from '../../../src/engine/backend/select'
import { createModel, type ModelOptions } from '../../../src/engine/models'
import type { CheckpointPolicy } from '../../../src/engine/models/checkpoint-policy'
import { Rng } from '../../../src/shared/rng'
import { fixmatchStep, type FixMatchBatch } from '../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'

const OPTIONS: ModelOptions = { arch: 'wrn-28-2', numClasses: 4, inputShape: [4, 4, 3], bnMomentum: 0.9, leakySlope: 0.1, seed: 11 }

function seededBatch(nx: number, nu: number): FixMatchBatch {
  const rng = new Rng(5)
  const images = (n: number) => Float32Array.from({ length: n * 4 * 4 * 3 }, () => rng.normal())
  return {
    labeled: images(nx),
    labels: Int32Array.from({ length: nx }, () => rng.int(0, 4)),
    weak: images(nu),
    strong: images(nu),
    unlabeledPositions: Int32Array.from({ length: nu }, (_, i) => i),
    imageShape: [4, 4, 3]
  }
}

interface StepOutcome {
  logits: Float32Array
  grads: Map<string, Float32Array>
  weights: Map<string, Float32Array>
  buffers: Map<string, Float32Array>
  loss: number
}

/** Two steps (the second sees moved weights, momentum and statistics), the second inspected. */
function twoSteps(checkpoint: CheckpointPolicy): StepOutcome {
  const model = createModel({ ...OPTIONS, checkpoint })
  const optimizer = new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 })
  // A low threshold so that the unlabeled loss has gradient too.
  const parts = { model, optimizer, ema: null, strategy: new FixMatchStrategy(0.2) }
  const batch = seededBatch(2, 3)
  fixmatchStep(parts, batch, { temperature: 1, lambdaU: 1, lr: 0.1, step: 1 })
  let seen: { logits: Float32Array; grads: Map<string, Float32Array> } | null = null
  const result = fixmatchStep(parts, batch, { temperature: 1, lambdaU: 1, lr: 0.1, step: 2, inspect: (view) => (seen = view) })
  if (seen === null) throw new Error('step not inspected')
  const { logits, grads } = seen
  const outcome = {
    logits,
    grads,
    weights: new Map(model.params.map((p) => [p.name, Float32Array.from(p.variable.dataSync())])),
    buffers: new Map(model.buffers.map((b) => [b.name, Float32Array.from(b.variable.dataSync())])),
    loss: result.loss
  }
  model.dispose()
  optimizer.dispose()
  return outcome
}

/** Bytes alive right after a training forward under a tape: what the backward pass will read. */
function bytesKeptByForward(checkpoint: CheckpointPolicy): number {
  const model = createModel({ ...OPTIONS, checkpoint })
  const x = tf.tensor4d(seededBatch(6, 0).labeled, [6, 4, 4, 3])
  const before = tf.memory().numBytes
  let kept = 0
  tf.tidy(() => {
    tf.variableGrads(() => {
      const logits = model.apply(x, true)
      kept = tf.memory().numBytes - before
      return tf.sum(logits) as tf.Scalar
    }, model.params.map((p) => p.variable))
  })
  x.dispose()
  model.dispose()
  return kept
}

function expectSameMaps(actual: Map<string, Float32Array>, expected: Map<string, Float32Array>, what: string): void {
  expect([...actual.keys()]).toEqual([...expected.keys()])
  for (const [name, values] of expected) expect(actual.get(name), `${what} ${name}`).toEqual(values)
}

afterAll(async () => {
  await selectBackend('cpu')
})

describe('checkpointed WRN-28-2 blocks', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`give the plain tape's logits, gradients, weights and statistics exactly on ${backend}`, { timeout: 180_000 }, async () => {
      await selectBackend(backend)
      const plain = twoSteps('never')
      const checkpointed = twoSteps('always')
      expect(checkpointed.logits).toEqual(plain.logits)
      expectSameMaps(checkpointed.grads, plain.grads, 'gradient of')
      expectSameMaps(checkpointed.weights, plain.weights, 'weight')
      expectSameMaps(checkpointed.buffers, plain.buffers, 'moving statistic')
      expect(checkpointed.loss).toBe(plain.loss)
      // Not vacuous: the statistics moved, and not twice (a recompute updating them again
      // would differ from the plain run).
      const mean = plain.buffers.get('block1.layer.0.bn1.running_mean')
      expect(mean?.some((v) => v !== 0)).toBe(true)
    })
  }

  it('keep less alive after the forward pass than the plain tape', async () => {
    await selectBackend('cpu')
    const plain = bytesKeptByForward('never')
    const checkpointed = bytesKeptByForward('always')
    expect(checkpointed).toBeLessThan(plain / 2)
  })

  it('leave the tensor count flat', async () => {
    await selectBackend('wasm')
    twoSteps('always')
    const before = tf.memory().numTensors
    twoSteps('always')
    expect(tf.memory().numTensors).toBe(before)
  })
})
