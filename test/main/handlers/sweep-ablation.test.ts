// sweeps:ablation through the real handler table, on a study run for real: sweeps:submit with
// ablations runs none, oracle-mask and oracle-correct on two seeds (tiny MNIST runs, local
// queue); stopped part-way and resubmitted, every run continues to its end with its mode;
// the study then reads into the shared summary with the cost paired by seed; a symlinked or
// unstarted run is left out and counted; a plain or comparison sweep is refused.
import { cpSync, mkdirSync, symlinkSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { NodeChildSpawner } from '../../../src/main/services/node-child-spawner'
import { createServices, type AppServices } from '../../../src/main/services/services'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { createSweepFolder, readSweepManifest, runSessionDir } from '../../../src/node/sweep/sweep-folder'
import { ABLATION_STUDY_MODES, ablationOf } from '../../../src/shared/config/ablation'
import { presetConfig } from '../../../src/shared/config/presets'
import type { IpcResult } from '../../../src/shared/contract'
import type { SweepAblation } from '../../../src/shared/sweep-ablation'
import type { SweepManifest } from '../../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import type { SweepDetail, SweepSummary } from '../../../src/shared/sweep-view'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const quick = presetConfig('quick-mnist')
const tiny = { ...quick, steps: 4, evalInterval: 2, sweepInterval: 4, checkpointInterval: 2, backend: 'wasm' as const, batch: { labeled: 4, mu: 1 }, split: { ...quick.split, labelsPerClass: 2 } }

describe('sweeps:ablation on a study run for real', () => {
  let dir: string
  let services: AppServices
  let table: HandlerTable
  let sweepId: string
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = (await dispatch(table, channel, payload)) as IpcResult<T>
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value
  }
  const manifest = async (): Promise<SweepManifest> => (await call<SweepDetail>('sweeps:get', { sweepId })).manifest
  async function until(done: (m: SweepManifest) => boolean, ms: number): Promise<SweepManifest> {
    const end = Date.now() + ms
    for (;;) {
      const m = await manifest()
      if (done(m) || Date.now() > end) return m
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pseudoscope-ablation-'))
    services = createServices({
      userDataDir: join(dir, 'user'),
      sessionsDir: join(dir, 'sessions'),
      spawner: new NodeChildSpawner(),
      events: () => undefined,
      shell: { pickOpenPath: async () => null, pickSavePath: async () => null, trash: async () => undefined },
      imageBaseUrl: 'pseudoscope://',
      app: { name: 'pseudoscope', version: 'test' },
      projectDir: ROOT
    })
    table = createHandlerTable(services)
  })
  afterAll(async () => {
    await services.shutdown(2000)
    await rm(dir, { recursive: true, force: true })
  })

  it('runs the study, resumes it after a stop, and reads it as one study paired by seed', async () => {
    const summary = await call<SweepSummary>('sweeps:submit', { name: 'cost', config: tiny, grid: { seed: [1, 2] }, executor: 'local', ablations: [...ABLATION_STUDY_MODES] })
    sweepId = summary.id
    expect(summary).toMatchObject({ runs: 6 })
    // Stop the study once its first run has finished: the rest stop where they are.
    await until((m) => m.runs[0].state === 'finished', 120_000)
    await call('sweeps:cancel', { sweepId, runIndex: null })
    const stopped = await until((m) => m.runs.every((r) => !['pending', 'queued', 'running'].includes(r.state)), 30_000)
    expect(stopped.runs[0].state).toBe('finished')
    expect(stopped.runs.some((r) => r.state === 'stopped')).toBe(true)
    await call('sweeps:resubmit', { sweepId })
    const done = await until((m) => m.runs.every((r) => r.state === 'finished'), 240_000)
    expect(done.runs.map((r) => [r.name, r.state])).toEqual(done.runs.map((r) => [r.name, 'finished']))
    expect(done.runs[0].attempts).toBe(1)
    // Each run's pace, for the Sweeps view's ETA.
    const detail = await call<SweepDetail>('sweeps:get', { sweepId })
    for (const result of detail.results) expect(result?.secPerStep).toBeGreaterThan(0)

    const sweepDir = join(services.sweeps.sweepsDir(), sweepId)
    const folders = await Promise.all(done.runs.map((r) => readSessionFolder(runSessionDir(sweepDir, r))))
    for (const [i, folder] of folders.entries()) {
      const mode = ablationOf(done.runs[i].config).mode
      expect(ablationOf(folder.manifest.config).mode).toBe(mode)
      expect(/oracle/.test(folder.manifest.config.name)).toBe(mode !== 'none')
      expect(folder.manifest.status).toBe('finished')
      expect(folder.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4])
    }

    const study = await call<SweepAblation>('sweeps:ablation', { sweepId })
    expect(study).toMatchObject({ runs: 6, measured: 6, seeds: [1, 2], datasetId: 'mnist' })
    expect(study.summary.modes.map((m) => [m.mode, m.seeds, m.band.map((p) => p.step)])).toEqual(ABLATION_STUDY_MODES.map((m) => [m, [1, 2], [2, 4]]))
    const acc = (mode: string, seed: number): number => {
      const i = done.runs.findIndex((r) => ablationOf(r.config).mode === mode && r.config.seed === seed)
      const last = folders[i].evals.at(-1)
      return (study.summary.rankedBy === 'emaTestAcc' ? last?.emaTestAcc : last?.testAcc) ?? Number.NaN
    }
    const cost = study.summary.costs.find((c) => c.mode === 'oracle-mask')
    expect(cost?.final).toMatchObject({ step: 4, seeds: 2 })
    expect(cost?.final?.cost).toBeCloseTo((acc('oracle-mask', 1) - acc('none', 1) + acc('oracle-mask', 2) - acc('none', 2)) / 2, 12)
    expect(cost?.final?.low).not.toBeNull()
    expect(study.summary.confidentWrong.map((p) => [p.step, p.n])).toEqual([1, 2, 3, 4].map((s) => [s, 2]))
    const noneWrong = folders.filter((_, i) => ablationOf(done.runs[i].config).mode === 'none').map((f) => f.metrics[3].confidentWrong)
    expect(study.summary.confidentWrong[3].mean).toBeCloseTo((noneWrong[0] + noneWrong[1]) / 2, 12)
    expect(study.summary.confidentWrongConfusion).toHaveLength(10)
  }, 400_000)

  it('leaves a symlinked and an unstarted run out, and counts them', async () => {
    const sweepDir = join(services.sweeps.sweepsDir(), sweepId)
    const m = await readSweepManifest(sweepDir)
    const copy = join(services.sweeps.sweepsDir(), 'copy-1')
    const spec = parseSweepSpec(m.spec)
    const made = await createSweepFolder(copy, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
    for (const run of made.runs.slice(0, 4)) cpSync(runSessionDir(sweepDir, run), runSessionDir(copy, run), { recursive: true })
    const outside = join(dir, 'outside')
    mkdirSync(outside)
    cpSync(runSessionDir(sweepDir, made.runs[4]), join(outside, 'session'), { recursive: true })
    symlinkSync(join(outside, 'session'), runSessionDir(copy, made.runs[4]))
    const study = await call<SweepAblation>('sweeps:ablation', { sweepId: 'copy-1' })
    expect(study).toMatchObject({ runs: 6, measured: 4 })
    expect(study.summary.modes.map((x) => [x.mode, x.seeds])).toEqual([['none', [1, 2]], ['oracle-mask', [1]], ['oracle-correct', [1]]])
  })

  it('refuses a plain sweep, a comparison, an unknown sweep and a payload that names more', async () => {
    for (const [id, extra] of [['plain-1', {}], ['cmp-1', { algorithms: ['fixmatch', 'supervised'] }]] as const) {
      const spec = parseSweepSpec({ name: id, config: { steps: 4 }, grid: { seed: [1] }, ...extra })
      await createSweepFolder(join(services.sweeps.sweepsDir(), id), spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
      expect(await dispatch(table, 'sweeps:ablation', { sweepId: id })).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringMatching(/not an ablation study/) } })
    }
    expect(await dispatch(table, 'sweeps:ablation', { sweepId: '../x' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(table, 'sweeps:ablation', { sweepId, path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(await dispatch(table, 'sweeps:submit', { name: 'both', config: tiny, grid: { seed: [1] }, executor: 'local', ablations: ['none'], algorithms: ['fixmatch'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-config', message: expect.stringMatching(/both algorithms and ablations/) }
    })
  })
})
