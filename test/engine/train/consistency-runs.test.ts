// Pi-Model and Mean Teacher over whole runs: stop + resume equals the uninterrupted run (Mean
// Teacher's teacher, the model EMA, comes back from the checkpoint), no tensor outlives a run
// (the teacher's forward swaps the EMA weights in and out every step), and the oracle ablations
// run on their soft targets.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import type { ExperimentConfig } from '../../../src/shared/config/experiment-config'
import { runStoppedAt, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

type Name = 'pimodel' | 'meanteacher'

function config(name: Name, overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  const c = tinyConfig(overrides)
  // A short warm-up and a fast EMA, so the ramp and the teacher move within the run.
  return { ...c, algorithm: { ...c.algorithm, name, unsupWarmup: 0.25, lambdaU: 10 }, ema: { enabled: true, decay: 0.7 } }
}

async function fileFloats(path: string): Promise<number[]> {
  const bytes = await readFile(path)
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))
}

describe('Pi-Model and Mean Teacher runs', () => {
  it.each(['pimodel', 'meanteacher'] as Name[])('%s: stop + resume == uninterrupted', async (name) => {
    const straight = await tempSessionDir()
    await new Trainer({ config: config(name), sessionDir: straight, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    const dir = await tempSessionDir()
    await runStoppedAt(config(name), dir, 7)
    await new Trainer({ config: config(name), sessionDir: dir, resume: true, emit: () => undefined, deps: tinyDeps() }).run()
    const [a, b] = [await readSessionFolder(straight), await readSessionFolder(dir)]
    expect(b.metrics.map((m) => [m.loss, m.lossU, m.maskRate])).toEqual(a.metrics.map((m) => [m.loss, m.lossU, m.maskRate]))
    // No mask: every step trains on the whole unlabeled batch.
    expect(a.metrics.every((m) => m.maskRate === 1)).toBe(true)
    expect(b.sweeps.map((s) => s.rule)).toEqual(a.sweeps.map((s) => s.rule))
    expect(await fileFloats(join(dir, 'checkpoint', 'weights.bin'))).toEqual(await fileFloats(join(straight, 'checkpoint', 'weights.bin')))
  })

  it.each([
    ['pimodel', undefined],
    ['meanteacher', undefined],
    ['pimodel', { mode: 'oracle-mask', noiseRate: 0 }],
    ['meanteacher', { mode: 'oracle-correct', noiseRate: 0 }]
  ] as const)('%s leaves no tensor behind after a whole run %j', async (name, ablation) => {
    const c = config(name, { steps: 6, evalInterval: 3, sweepInterval: 6 })
    const before = tf.memory().numTensors
    const outcome = await new Trainer({ config: { ...c, ...(ablation ? { ablation } : {}) }, sessionDir: await tempSessionDir(), resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    expect(outcome).toEqual({ status: 'finished', step: 6 })
    expect(tf.memory().numTensors).toBe(before)
  })
})
