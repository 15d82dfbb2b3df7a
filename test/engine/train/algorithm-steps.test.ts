// The algorithms inside real steps and runs: Pseudo-Label's weak-only forward with frozen BN
// statistics, FlexMatch thresholding softmax(logits) whatever T (USB), FreeMatch's fairness
// loss in the total, and every algorithm's stop + resume equal to an uninterrupted run.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DeFixMatchStrategy } from '../../../src/shared/algorithms/defixmatch'
import { FlexMatchStrategy } from '../../../src/shared/algorithms/flexmatch'
import { FreeMatchStrategy } from '../../../src/shared/algorithms/freematch'
import { PseudoLabelStrategy } from '../../../src/shared/algorithms/pseudolabel'
import { UdaStrategy } from '../../../src/shared/algorithms/uda'
import { stepAblation } from '../../../src/engine/algorithms/oracle-ablation'
import { fixmatchStep } from '../../../src/engine/train/fixmatch-step'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import type { AlgorithmName, ExperimentConfig } from '../../../src/shared/config/experiment-config'
import { ce, logits, softmax, tinyBatch, tinyParts } from '../helpers/tiny-step'
import { runStoppedAt, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const batch = tinyBatch()

describe('algorithm steps', () => {
  it('Pseudo-Label trains on the weak view it labeled, and its unlabeled forward leaves BN statistics alone', () => {
    // Weak logits (2.1, -2, 0.9) -> conf 0.76; (0.4, 4, -1.1) -> conf 0.97, label 1. Threshold 0.8: mask (0, 1).
    const p = tinyParts(new PseudoLabelStrategy(0.8, 0, 10))
    const out = fixmatchStep(p, batch, { temperature: 1, lambdaU: 2, lr: 0, step: 1 })
    const lx = (ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2
    const lu = ce(logits([0, 2]), 1) / 2
    expect(Array.from(out.mask)).toEqual([0, 1])
    expect(out.lossU).toBeCloseTo(lu, 5)
    expect(out.loss).toBeCloseTo(lx + 2 * lu, 5)
    // BatchNorm-like model: only the labeled batch moves the buffer: 0.1 * mean((1,0),(0,1)) = (0.05, 0.05).
    const c = tinyParts(new PseudoLabelStrategy(0.8, 0, 10), true)
    fixmatchStep(c, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    Array.from(c.model.buffers[0].variable.dataSync()).forEach((v) => expect(v).toBeCloseTo(0.05, 6))
    for (const x of [p, c]) {
      x.model.dispose()
      x.optimizer.dispose()
    }
  })

  it('UDA: TSA drops the labeled sample above its threshold from Lx (still / nx); Lu is the soft CE under the mask', () => {
    const settings = { temperature: 0.4, cutoff: 0.8, numClasses: 3, totalSteps: 2 }
    const p = tinyParts(new UdaStrategy({ ...settings, tsaSchedule: 'linear' }))
    // Step 2 is it 1 of 2: tsa = 0.5 * 2/3 + 1/3 = 2/3. Labeled max probs 0.62 (kept) and 0.80 (dropped).
    const out = fixmatchStep(p, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 2 })
    expect(Math.max(...softmax(logits([1, 0])))).toBeLessThan(2 / 3)
    expect(Math.max(...softmax(logits([0, 1])))).toBeGreaterThan(2 / 3)
    expect(out.lossX).toBeCloseTo(ce(logits([1, 0]), 0) / 2, 5)
    // Weak confidences 0.76 and 0.97 at p_cutoff 0.8: mask (0, 1); the target softmax(weak logits / 0.4).
    expect(Array.from(out.mask)).toEqual([0, 1])
    const q = softmax(logits([0, 2]).map((z) => z / 0.4))
    const logp = softmax(logits([-1, 0.5])).map(Math.log)
    expect(out.lossU).toBeCloseTo(-q.reduce((s, qc, c) => s + qc * logp[c], 0) / 2, 5)
    // Without annealing Lx is the plain mean CE, as for every other algorithm.
    const plain = tinyParts(new UdaStrategy({ ...settings, tsaSchedule: 'none' }))
    const lx = (ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2
    expect(fixmatchStep(plain, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 2 }).lossX).toBeCloseTo(lx, 5)
    for (const x of [p, plain]) {
      x.model.dispose()
      x.optimizer.dispose()
    }
  })

  it('DeFixMatch: one forward with the labeled strong view, Lx over both labeled views, Lu less the anti term under mask_lb', () => {
    // Labeled weak logits (1.1, -1, 0.4) -> max 0.62 (label 0); (0.3, 2, -0.6) -> max 0.80, label 1
    // (its true label is 2). Weak unlabeled: 0.76 and 0.97 (label 1). At p_cutoff 0.78 both
    // masks are (0, 1): the anti term trains the second labeled strong row away from class 1.
    const xs = [[0.5, 0.5], [1, -1]]
    const debiased = { ...batch, labeledStrong: new Float32Array(xs.flat()) }
    const p = tinyParts(new DeFixMatchStrategy(0.78))
    const out = fixmatchStep(p, debiased, { temperature: 0.25, lambdaU: 2, lr: 0, step: 1 })
    const lx = ((ce(logits([1, 0]), 0) + ce(logits([0, 1]), 2)) / 2 + (ce(logits(xs[0]), 0) + ce(logits(xs[1]), 2)) / 2) / 2
    const lu = ce(logits([-1, 0.5]), 1) / 2
    const la = ce(logits(xs[1]), 1) / 2
    expect(Array.from(out.mask)).toEqual([0, 1])
    expect(Array.from(out.anti?.pseudo ?? [])).toEqual([0, 1])
    expect(Array.from(out.anti?.weight ?? [])).toEqual([0, 1])
    expect(out.lossX).toBeCloseTo(lx, 5)
    expect(out.lossU).toBeCloseTo(lu, 5)
    expect(out.lossAnti).toBeCloseTo(la, 5)
    expect(out.loss).toBeCloseTo(lx + 2 * (lu - la), 5)
    // T is not read: softmax(logits), 0.76 (at T = 0.25 it would be 0.99).
    expect(out.confidence[0]).toBeCloseTo(Math.max(...softmax(logits([2, 0]))), 5)
    // An oracle ablation replaces the unlabeled targets only; the anti term stays.
    const o = tinyParts(new DeFixMatchStrategy(0.78))
    const ablate = stepAblation({ mode: 'oracle-all', noiseRate: 0 }, Int32Array.from([2, 0]), 3, 1, 1)
    const oracle = fixmatchStep(o, debiased, { temperature: 1, lambdaU: 2, lr: 0, step: 1, ablate })
    expect(oracle.lossU).toBeCloseTo(ce(logits([-1, 0.5]), 0) / 2, 5)
    expect(oracle.lossAnti).toBeCloseTo(la, 5)
    // BatchNorm-like model: one forward over all eight rows moves the buffer by 0.1 x their mean (0.5625, 0.5).
    const c = tinyParts(new DeFixMatchStrategy(0.78), true)
    fixmatchStep(c, debiased, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    expect(Array.from(c.model.buffers[0].variable.dataSync())).toEqual([expect.closeTo(0.05625, 6), expect.closeTo(0.05, 6)])
    // Without the labeled strong view the step refuses, rather than train FixMatch under DeFixMatch's name.
    expect(() => fixmatchStep(c, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })).toThrow(/strong view/)
    for (const x of [p, o, c]) {
      x.model.dispose()
      x.optimizer.dispose()
    }
  })

  it('FlexMatch with T = 0.25 thresholds softmax(logits), as USB does', () => {
    const flex = new FlexMatchStrategy(0.9, 3, 2)
    const p = tinyParts(flex)
    const out = fixmatchStep(p, batch, { temperature: 0.25, lambdaU: 1, lr: 0, step: 1 })
    // softmax at T = 1: 0.76 and 0.97 (at T = 0.25 the first would be 0.99).
    expect(out.confidence[0]).toBeCloseTo(Math.max(...softmax(logits([2, 0]))), 5)
    expect(out.confidence[1]).toBeCloseTo(Math.max(...softmax(logits([0, 2]))), 5)
    // Only the second reaches tau = 0.9 and is selected: beta = (0, 1/1, 0) -> threshold 0.9 for class 1.
    expect(flex.classThresholds()).toEqual([0, 0.9, 0])
    p.model.dispose()
    p.optimizer.dispose()
  })

  it('FreeMatch adds fairnessWeight x the fairness loss to the total', () => {
    const p = tinyParts(new FreeMatchStrategy(3, 0.999, 0.5))
    const out = fixmatchStep(p, batch, { temperature: 1, lambdaU: 1, lr: 0, step: 1 })
    // Thresholds start near 1/3: both weak rows pass.
    expect(Array.from(out.mask)).toEqual([1, 1])
    expect(out.lossFairness).not.toBeNull()
    expect(out.loss).toBeCloseTo(out.lossX + out.lossU + 0.5 * (out.lossFairness as number), 5)
    p.model.dispose()
    p.optimizer.dispose()
  })
})

async function weightsOf(dir: string): Promise<number[]> {
  const bytes = await readFile(join(dir, 'checkpoint', 'weights.bin'))
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))
}

describe('stop + resume == uninterrupted', () => {
  it.each(['pseudolabel', 'freematch', 'softmatch', 'dash', 'adamatch', 'uda', 'defixmatch'] as AlgorithmName[])('%s', async (name) => {
    // A short warm-up and EMA so the state moves within 12 steps.
    const config = (): ExperimentConfig => {
      const c = tinyConfig()
      return { ...c, algorithm: { ...c.algorithm, name, threshold: 0.5, unsupWarmup: 0.5, emaMomentum: 0.7, fairnessWeight: 0.1, dashWarmup: 0.25, udaCutoff: 0.5, tsaSchedule: 'linear' } }
    }
    const straight = await tempSessionDir()
    await new Trainer({ config: config(), sessionDir: straight, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    const dir = await tempSessionDir()
    await runStoppedAt(config(), dir, 7)
    const state = JSON.parse(await readFile(join(dir, 'checkpoint', 'state.json'), 'utf8')) as { strategy: Record<string, unknown> }
    // Pseudo-Label, UDA and DeFixMatch hold no state: their rules read only the step and the batch.
    if (name !== 'pseudolabel' && name !== 'uda' && name !== 'defixmatch') expect(Object.keys(state.strategy).length).toBeGreaterThan(0)
    await new Trainer({ config: config(), sessionDir: dir, resume: true, emit: () => undefined, deps: tinyDeps() }).run()
    const [a, b] = [await readSessionFolder(straight), await readSessionFolder(dir)]
    expect(b.metrics.map((m) => [m.loss, m.maskRate])).toEqual(a.metrics.map((m) => [m.loss, m.maskRate]))
    expect(b.sweeps.map((s) => s.maskRate)).toEqual(a.sweeps.map((s) => s.maskRate))
    expect(await weightsOf(dir)).toEqual(await weightsOf(straight))
  })
})
