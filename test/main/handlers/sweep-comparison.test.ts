// sweeps:comparison through the real handler table: an algorithm-comparison sweep's session
// folders read into the shared summary (mean ± std, Welch pairs with verdicts) and the bands;
// a run not yet measured or whose folder is a symlink out of the sweep counts as unmeasured; a
// plain sweep, an unknown one and a bad payload are refused.
import { mkdirSync, renameSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { createSweepFolder, runSessionDir } from '../../../src/node/sweep/sweep-folder'
import type { SweepComparison } from '../../../src/shared/analysis/comparison-bands'
import { welchT } from '../../../src/shared/analysis/welch-t'
import type { IpcResult } from '../../../src/shared/contract'
import type { EvalRecord, StepMetrics, SweepRecord } from '../../../src/shared/metrics'
import type { SweepManifest } from '../../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { tempServices, type TempServices } from '../helpers/temp-services'

/** Final test accuracy by algorithm and seed (raw only: no EMA evaluated). */
const FINAL = { fixmatch: [0.9, 0.92, 0.94], supervised: [0.6, 0.61, 0.62] } as const

const step = (s: number): StepMetrics =>
  ({ step: s, time: s, segment: 0, lr: 0.03, lossX: 1, lossU: 0.5, loss: 1.5, plAccAll: 0.5, maskRate: 0.5, plAccMasked: 0.8, confidentWrong: 0, maskedCount: 2, unlabeledBatch: 4, meanConfidence: 0.8, stepMs: 1, classPseudo: [3, 1], classTrue: [2, 2], classCorrect: [2, 1] }) as StepMetrics
const evalAt = (s: number, testAcc: number): EvalRecord => ({ step: s, time: s, testAcc, testLoss: 1, emaTestAcc: null, emaTestLoss: null, testSamples: 100 })
const sweepAt = (s: number): SweepRecord =>
  ({ step: s, time: s, model: 'raw', samples: 10, plAccAll: 0.5, maskRate: 0.4, plAccMasked: 0.75, confidentWrong: 0, thresholds: [], thresholdMaskRate: [], thresholdMaskedAcc: [], ece: 0, reliability: { count: [], meanConfidence: [], accuracy: [] }, confusion: [[5, 0], [1, 4]], precision: [], recall: [] }) as SweepRecord

async function writeRun(dir: string, run: SweepManifest['runs'][number], acc: number): Promise<void> {
  const writer = await SessionWriter.create(dir, { name: run.config.name, config: run.config, versions: {} })
  writer.appendMetrics([1, 2, 3, 4].map(step))
  await writer.appendEval(evalAt(2, acc - 0.1))
  await writer.appendEval(evalAt(4, acc))
  await writer.appendSweep(sweepAt(4))
  await writer.close()
}

describe('sweeps:comparison', () => {
  let temp: TempServices
  let table: HandlerTable
  let sweepId: string
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown>> => dispatch(table, channel, payload)

  beforeAll(async () => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
    const spec = parseSweepSpec({ name: 'cmp', config: { steps: 4 }, grid: { seed: [1, 2, 3] }, algorithms: ['fixmatch', 'supervised'] })
    sweepId = 'cmp-1'
    const dir = join(temp.services.sweeps.sweepsDir(), sweepId)
    const manifest = await createSweepFolder(dir, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
    for (const run of manifest.runs) {
      const seedIndex = run.config.seed - 1
      const acc = FINAL[run.config.algorithm.name as keyof typeof FINAL][seedIndex]
      // seed-3_supervised never ran; seed-3_fixmatch's folder is a symlink to a session elsewhere.
      if (run.name === 'seed-3_supervised') continue
      if (run.name === 'seed-3_fixmatch') {
        const outside = join(temp.dir, 'outside')
        mkdirSync(outside)
        await writeRun(join(outside, 'session'), run, 0.99)
        symlinkSync(join(outside, 'session'), runSessionDir(dir, run))
        continue
      }
      await writeRun(runSessionDir(dir, run), run, acc)
    }
    const plain = parseSweepSpec({ name: 'plain', config: { steps: 4 }, grid: { seed: [1] } })
    await createSweepFolder(join(temp.services.sweeps.sweepsDir(), 'plain-1'), plain, expandSweep(plain), { kind: 'local', parallel: 1 }, 1)
  })
  afterAll(() => temp.dispose())

  it('answers the summary and bands over the measured runs', async () => {
    const result = await call('sweeps:comparison', { sweepId })
    expect(result.ok).toBe(true)
    const c = (result as { value: SweepComparison }).value
    expect(c).toMatchObject({ runs: 6, measured: 4 })
    expect(c.summary.rankedBy).toBe('testAcc')
    expect(c.summary.algorithms.map((a) => [a.algorithm, a.seeds, a.oracle, a.bound])).toEqual([
      ['fixmatch', [1, 2], false, false],
      ['supervised', [1, 2], false, true]
    ])
    const fix = c.summary.algorithms[0]
    expect(fix.testAcc?.mean).toBeCloseTo(0.91, 12)
    expect(fix.testAcc?.std).toBeCloseTo(Math.SQRT2 * 0.01, 12)
    expect(fix.maskRate?.mean).toBeCloseTo(0.4, 12)
    expect(fix.plAccMasked?.mean).toBeCloseTo(0.75, 12)
    expect(fix).toMatchObject({ reached: 2, stepsToTarget: { mean: 4 } })
    expect(c.summary.algorithms[1].maskRate).toBeNull()
    const [pair] = c.summary.pairs
    const expected = welchT([0.9, 0.92], [0.6, 0.61])
    expect(pair).toMatchObject({ a: 'fixmatch', b: 'supervised', significant: true })
    expect(pair.t).toBeCloseTo(expected?.t ?? Number.NaN, 9)
    expect(pair.p).toBeCloseTo(expected?.p ?? Number.NaN, 9)
    expect(c.summary.verdict[1]).toMatch(/^FixMatch beats Supervised \(labeled only\) by 30\.50 points .*the seeds tell them apart$/)
    expect(c.bands.map((b) => [b.algorithm, b.points.map((p) => [p.step, p.n])])).toEqual([
      ['fixmatch', [[2, 2], [4, 2]]],
      ['supervised', [[2, 2], [4, 2]]]
    ])
    expect(c.bands[0].points[1].mean).toBeCloseTo(0.91, 12)
    expect(c.bands[1].points[0].mean).toBeCloseTo(0.505, 12)
    expect(c.bands[1].points[0].std).toBeCloseTo(Math.SQRT2 * 0.005, 12)
  })

  it('refuses a plain sweep, an unknown sweep and a payload that names more', async () => {
    expect(await call('sweeps:comparison', { sweepId: 'plain-1' })).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringMatching(/not an algorithm comparison/) } })
    expect(await call('sweeps:comparison', { sweepId: '../cmp-1' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call('sweeps:comparison', { sweepId, path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
  })

  it('reads a run as it measures: a finished run appearing adds its seed', async () => {
    const dir = join(temp.services.sweeps.sweepsDir(), sweepId)
    const spec = parseSweepSpec({ name: 'cmp', config: { steps: 4 }, grid: { seed: [1, 2, 3] }, algorithms: ['fixmatch', 'supervised'] })
    const run = expandSweep(spec).find((p) => p.name === 'seed-3_supervised')
    if (!run) throw new Error('no run')
    await writeRun(join(temp.dir, 'staged'), { ...run, state: 'finished', schedulerState: null, jobId: null, jobIds: [], exitCode: 0, signal: null, attempts: 1, updatedAt: 1 }, FINAL.supervised[2])
    renameSync(join(temp.dir, 'staged'), runSessionDir(dir, run))
    const c = ((await call('sweeps:comparison', { sweepId })) as { value: SweepComparison }).value
    expect(c.measured).toBe(5)
    expect(c.summary.algorithms[1].seeds).toEqual([1, 2, 3])
    expect(c.summary.algorithms[1].testAcc?.mean).toBeCloseTo(0.61, 12)
  })
})
