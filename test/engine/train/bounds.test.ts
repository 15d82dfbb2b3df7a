// The bounds inside real runs: the supervised bound trains on the drawn labeled set, the oracle
// on every training image; neither draws an unlabeled batch, so the per-step pseudo-label
// figures are absent (NaN, null on disk); stop + resume equals an uninterrupted run.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultDeps, setUpRun } from '../../../src/engine/train/run-setup'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import type { BoundName, ExperimentConfig } from '../../../src/shared/config/experiment-config'
import { runStoppedAt, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const config = (name: BoundName): ExperimentConfig => {
  const c = tinyConfig()
  return { ...c, algorithm: { ...c.algorithm, name } }
}

async function weightsOf(dir: string): Promise<number[]> {
  const bytes = await readFile(join(dir, 'checkpoint', 'weights.bin'))
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))
}

describe('bounds in runs', () => {
  it.each([
    ['supervised', 6],
    ['fullysupervised', 96]
  ] as const)('%s trains on %i labeled images and keeps the drawn unlabeled set for its sweeps', async (name, labeled) => {
    const run = await setUpRun({ config: config(name), sessionDir: await tempSessionDir(), resume: false, emit: () => undefined }, { ...defaultDeps, ...tinyDeps() })
    try {
      expect(run.split.labeled.length).toBe(labeled)
      expect(new Set(run.feed.labeledList).size).toBe(labeled)
      expect(run.split.unlabeled.length).toBe(96)
      const fed = run.feed.next()
      expect([fed.batch.labels.length, fed.batch.weak.length, fed.unlabeledIndices.length]).toEqual([4, 0, 0])
    } finally {
      await run.writer.close()
      run.model.dispose()
      run.optimizer.dispose()
      run.ema?.dispose()
    }
  })

  it.each(['supervised', 'fullysupervised'] as const)('%s: no unlabeled loss or pseudo-label figures per step; stop + resume == uninterrupted', async (name) => {
    const straight = await tempSessionDir()
    await new Trainer({ config: config(name), sessionDir: straight, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    const a = await readSessionFolder(straight)
    expect(a.metrics).toHaveLength(12)
    for (const m of a.metrics) {
      expect([m.lossU, m.unlabeledBatch, m.plAccMasked]).toEqual([0, 0, null])
      expect([m.maskRate, m.plAccAll]).toEqual([Number.NaN, Number.NaN])
      expect(m.loss).toBeCloseTo(m.lossX, 6)
    }
    expect(a.sweeps.at(-1)?.samples).toBe(96)
    expect(a.evals.at(-1)?.testAcc).toBeGreaterThan(0)
    const dir = await tempSessionDir()
    await runStoppedAt(config(name), dir, 7)
    await new Trainer({ config: config(name), sessionDir: dir, resume: true, emit: () => undefined, deps: tinyDeps() }).run()
    const b = await readSessionFolder(dir)
    expect(b.metrics.map((m) => [m.loss, m.lossX])).toEqual(a.metrics.map((m) => [m.loss, m.lossX]))
    expect(b.sweeps.map((s) => s.plAccAll)).toEqual(a.sweeps.map((s) => s.plAccAll))
    expect(await weightsOf(dir)).toEqual(await weightsOf(straight))
  })
})
