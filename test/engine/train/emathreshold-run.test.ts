// The guide's example algorithm (docs/guide/your-algorithm.md, step 5) in whole runs built from
// its config alone: its cut moves within [floor, tau] and the sweeps record it, and a run stopped
// at step 7 and resumed ends where an uninterrupted one does, its EMA in the checkpoint.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { ExperimentConfigSchema, type ExperimentConfig } from '../../../src/shared/config/experiment-config'
import { runStoppedAt, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

// The tiny model's mean confidence climbs from about 0.43 to 0.95 in 12 steps, so from tau 0.95
// a short EMA lowers the cut at first and brings it back up.
const config = (): ExperimentConfig => {
  const c = tinyConfig()
  return ExperimentConfigSchema.parse({ ...c, algorithm: { ...c.algorithm, name: 'emathreshold', threshold: 0.95, thresholdFloor: 0.5, emaMomentum: 0.7 } })
}

async function weightsOf(dir: string): Promise<number[]> {
  const bytes = await readFile(join(dir, 'checkpoint', 'weights.bin'))
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))
}

const strategyState = async (dir: string) => (JSON.parse(await readFile(join(dir, 'checkpoint', 'state.json'), 'utf8')) as { strategy: Record<string, unknown> }).strategy

describe('EMA threshold, the guide example, in whole runs', () => {
  it('publishes a threshold rule that moves below tau and stays within [floor, tau]; stop + resume == uninterrupted', async () => {
    const straight = await tempSessionDir()
    await new Trainer({ config: config(), sessionDir: straight, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    const a = await readSessionFolder(straight)
    expect(a.manifest.config.algorithm).toMatchObject({ name: 'emathreshold', threshold: 0.95, thresholdFloor: 0.5 })
    // Sweeps at steps 6 and 12, each with the rule the next step applies.
    const cuts = a.sweeps.map((s) => (s.rule?.kind === 'threshold' ? s.rule.threshold : NaN))
    expect(cuts).toHaveLength(2)
    for (const cut of cuts) {
      expect(cut).toBeGreaterThanOrEqual(0.5)
      expect(cut).toBeLessThanOrEqual(0.95)
    }
    expect(cuts[0]).toBeLessThan(0.9)
    const { ema } = await strategyState(straight)
    expect(typeof ema).toBe('number')
    // The final sweep's rule is the checkpoint's EMA, clipped.
    expect(cuts[1]).toBe(Math.min(0.95, Math.max(0.5, ema as number)))

    const dir = await tempSessionDir()
    await runStoppedAt(config(), dir, 7)
    const stopped = await strategyState(dir)
    expect(stopped.ema).not.toBe(ema)
    await new Trainer({ config: config(), sessionDir: dir, resume: true, emit: () => undefined, deps: tinyDeps() }).run()
    const b = await readSessionFolder(dir)
    expect(b.metrics.map((m) => [m.loss, m.maskRate, m.confidentWrong])).toEqual(a.metrics.map((m) => [m.loss, m.maskRate, m.confidentWrong]))
    expect(b.sweeps.map((s) => [s.rule, s.maskRate])).toEqual(a.sweeps.map((s) => [s.rule, s.maskRate]))
    expect(await strategyState(dir)).toEqual({ ema })
    expect(await weightsOf(dir)).toEqual(await weightsOf(straight))
  })
})
