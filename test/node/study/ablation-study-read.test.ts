// A study's sessions read into the shared summary's records: evals, per-step confident-wrong,
// per-class test accuracy, and the none run's confusion of wrong pseudo-labels that count at
// its last sweep, which holds as many as that sweep's confidentWrong says.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { readAblationRunRecord, readAblationStudy } from '../../../src/node/study/ablation-study-read'
import { ABLATION_STUDY_FILE, ablationStudyPlan, ablationStudyRuns } from '../../../src/shared/config/ablation-study'
import { tempSessionDir, tinyConfig, tinyDeps } from '../../engine/train/fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

describe('ablation study reader', () => {
  it('reads each planned run from OUT/<mode>/seed-<s>; runs not yet started read as null', async () => {
    const parent = await tempSessionDir()
    const config = tinyConfig({ steps: 6, evalInterval: 3, sweepInterval: 0, algorithm: { ...tinyConfig().algorithm, threshold: 0.4 } })
    const plan = ablationStudyPlan(config, 2)
    await mkdir(parent, { recursive: true })
    await writeFile(join(parent, ABLATION_STUDY_FILE), JSON.stringify(plan))
    // Seed 0's three modes run; seed 1's do not.
    for (const run of ablationStudyRuns(plan).filter((r) => r.seed === config.seed)) {
      const dir = join(parent, run.folder)
      await mkdir(dirname(dir), { recursive: true })
      await new Trainer({ config: run.config, sessionDir: dir, resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    }
    const study = await readAblationStudy(parent)
    expect(study.runs.map((r) => [r.folder, r.record === null])).toEqual([
      [`none/seed-${config.seed}`, false],
      [`oracle-mask/seed-${config.seed}`, false],
      [`oracle-correct/seed-${config.seed}`, false],
      [`none/seed-${config.seed + 1}`, true],
      [`oracle-mask/seed-${config.seed + 1}`, true],
      [`oracle-correct/seed-${config.seed + 1}`, true]
    ])
    expect(study.summary.modes.map((m) => [m.mode, m.seeds])).toEqual([
      ['none', [config.seed]],
      ['oracle-mask', [config.seed]],
      ['oracle-correct', [config.seed]]
    ])

    const noneDir = join(parent, `none/seed-${config.seed}`)
    const folder = await readSessionFolder(noneDir)
    const record = await readAblationRunRecord(noneDir)
    expect(record).toMatchObject({ mode: 'none', seed: config.seed, status: 'finished' })
    expect(record.evals).toEqual(folder.evals.map((e) => ({ step: e.step, testAcc: e.testAcc, emaTestAcc: e.emaTestAcc })))
    expect(record.confidentWrong).toEqual(folder.metrics.map((m) => ({ step: m.step, count: m.confidentWrong })))
    // Per class of the EMA model, consistent with its overall accuracy on a balanced test split (10 per class).
    const last = folder.evals.at(-1)!
    expect(record.classTestAcc).toEqual(last.emaClassTestAcc)
    const mean = record.classTestAcc!.reduce((a: number, v) => a + (v ?? 0), 0) / 3
    expect(mean).toBeCloseTo(last.emaTestAcc!, 10)
    const sweep = folder.sweeps.at(-1)!
    const total = record.confidentWrongConfusion!.flat().reduce((a, b) => a + b, 0)
    expect(total).toBe(sweep.confidentWrong)
    expect(total).toBeGreaterThan(0)
    record.confidentWrongConfusion!.forEach((row, t) => expect(row[t]).toBe(0))
    // The oracle runs carry no confusion (only the normal run's is shown).
    expect((await readAblationRunRecord(join(parent, `oracle-mask/seed-${config.seed}`))).confidentWrongConfusion).toBeNull()
  }, 60_000)

  it('refuses a folder without a study plan', async () => {
    const dir = await tempSessionDir()
    await expect(readAblationStudy(dir)).rejects.toThrow(/holds no ablation study/)
  })
})
