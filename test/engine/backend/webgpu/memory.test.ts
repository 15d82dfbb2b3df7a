// GPU memory stays flat over 200 FixMatch steps on webgpu: the tensor count and bytes
// (tf.memory()) are the same after every step, and the backend's buffer pool
// (numBytesAllocatedInGPU) stops growing once the first steps have filled it.
import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { FixMatchStrategy } from '../../../../src/shared/algorithms/fixmatch'
import { selectBackend } from '../../../../src/engine/backend/select'
import { createModel } from '../../../../src/engine/models'
import { Rng } from '../../../../src/shared/rng'
import { ParamEma } from '../../../../src/engine/train/ema'
import { fixmatchStep, type FixMatchBatch } from '../../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../../src/engine/train/optimizer'
import { describeWebgpu } from './gate'

const STEPS = 200
const SHAPE: [number, number, number] = [8, 8, 1]

function batch(rng: Rng, labeled: number, unlabeled: number): FixMatchBatch {
  const images = (n: number): Float32Array => Float32Array.from({ length: n * 64 }, () => rng.normal())
  return {
    labeled: images(labeled),
    labels: Int32Array.from({ length: labeled }, () => rng.int(0, 3)),
    weak: images(unlabeled),
    strong: images(unlabeled),
    unlabeledPositions: Int32Array.from({ length: unlabeled }, (_, i) => i),
    imageShape: SHAPE
  }
}

interface Usage {
  numTensors: number
  numBytes: number
  pool: number
}

function usage(): Usage {
  const m = tf.memory() as tf.MemoryInfo & { numBytesAllocatedInGPU?: number }
  return { numTensors: m.numTensors, numBytes: m.numBytes, pool: m.numBytesAllocatedInGPU ?? -1 }
}

describeWebgpu('webgpu memory over a run', () => {
  it(`stays flat over ${STEPS} FixMatch steps`, { timeout: 300_000 }, async () => {
    await selectBackend('webgpu')
    const model = createModel({ arch: 'small-cnn', numClasses: 3, inputShape: SHAPE, bnMomentum: 0.9, leakySlope: 0.1, seed: 5 })
    const optimizer = new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 })
    const ema = new ParamEma(model.params, 0.99)
    const parts = { model, optimizer, ema, strategy: new FixMatchStrategy(0.7) }
    const rng = new Rng(9)
    const batches = [batch(rng, 2, 4), batch(rng, 2, 4)]
    const seen: Usage[] = []
    const started = performance.now()
    for (let step = 1; step <= STEPS; step++) {
      fixmatchStep(parts, batches[step % 2], { temperature: 1, lambdaU: 1, lr: 0.03, step })
      seen.push(usage())
    }
    const msPerStep = (performance.now() - started) / STEPS
    const after = seen[9]
    console.log(`webgpu memory after step 10: ${JSON.stringify(after)}, after step ${STEPS}: ${JSON.stringify(seen[STEPS - 1])}; ${msPerStep.toFixed(0)} ms/step`)
    expect(after.pool).toBeGreaterThan(0)
    for (const [i, u] of seen.entries()) {
      expect(u.numTensors, `tensors after step ${i + 1}`).toBe(seen[0].numTensors)
      expect(u.numBytes, `bytes after step ${i + 1}`).toBe(seen[0].numBytes)
      if (i >= 9) expect(u.pool, `buffer pool after step ${i + 1}`).toBe(after.pool)
    }
    model.dispose()
    optimizer.dispose()
    ema.dispose()
  })
})
