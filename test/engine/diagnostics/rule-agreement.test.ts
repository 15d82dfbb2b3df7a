// A FlexMatch and a SoftMatch session judge their sweeps by the rule their steps apply:
// the sweep's published rule is the next step's rule, and its mask rate, masked accuracy and
// confident-wrong recompute from the sweep arrays under that rule (not the fixed tau).
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSampleSnapshot, readSessionFolder, readSweepArrays } from '../../../src/node/session/session-reader'
import type { AlgorithmName } from '../../../src/shared/config/experiment-config'
import { counts, ruleUse, useSummary } from '../../../src/shared/pseudo-label-rule'
import { tempSessionDir, tinyConfig, tinyDeps } from '../train/fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

async function session(name: AlgorithmName) {
  const dir = await tempSessionDir()
  const c = tinyConfig()
  const config = { ...c, algorithm: { ...c.algorithm, name, emaMomentum: 0.7 } }
  await new Trainer({ config, sessionDir: dir, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
  return { dir, folder: await readSessionFolder(dir) }
}

describe('one rule for steps and sweeps', () => {
  it('FlexMatch: the sweep at step 6 uses the thresholds step 7 applies, and its figures follow them', async () => {
    const { dir, folder } = await session('flexmatch')
    const sweep = folder.sweeps.find((s) => s.step === 6)
    const next = folder.metrics.find((m) => m.step === 7)
    expect(sweep?.rule?.kind).toBe('class-thresholds')
    if (!sweep?.rule || sweep.rule.kind !== 'class-thresholds' || !next) throw new Error('no class-threshold rule')
    expect(sweep.rule.thresholds).toEqual(next.classThresholds)
    // Not the fixed tau: the curriculum has lowered some class below it.
    expect(sweep.rule.thresholds.some((t) => t < tinyConfig().algorithm.threshold)).toBe(true)
    const arrays = await readSweepArrays(dir, 6, sweep.model)
    const snapshot = await readSampleSnapshot(dir, 6)
    const correct = Uint8Array.from(arrays.pseudoLabel, (p, i) => (p === snapshot.trueLabel[i] ? 1 : 0))
    const use = useSummary(ruleUse(sweep.rule, arrays.confidence, arrays.pseudoLabel, correct))
    expect(sweep.maskRate).toBeCloseTo(use.maskRate, 12)
    expect(sweep.confidentWrong).toBe(use.confidentWrong)
    // The browser's confident-wrong filter (counts and wrong) finds as many samples.
    const wrongCounted = Array.from(arrays.pseudoLabel).filter((p, i) => !correct[i] && counts(sweep.rule!, arrays.confidence[i], p)).length
    expect(wrongCounted).toBe(sweep.confidentWrong)
    // Every step's mask follows the thresholds it recorded.
    for (const m of folder.metrics) expect(m.classThresholds).toHaveLength(3)
  })

  it('SoftMatch: sweeps publish weights; the mask rate is the mean weight', async () => {
    const { folder } = await session('softmatch')
    const sweep = folder.sweeps[0]
    expect(sweep.rule?.kind).toBe('weights')
    expect(folder.metrics[0].classThresholds).toBeUndefined()
    for (const m of folder.metrics) {
      expect(m.maskRate).toBeGreaterThan(0)
      expect(m.maskRate).toBeLessThanOrEqual(1)
    }
  })
})
