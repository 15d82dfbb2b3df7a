import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SessionWriter } from '../../../src/node/session/session-writer'
import {
  listSampleSnapshots,
  listSweepArrays,
  readSampleSnapshot,
  readSessionFolder,
  readSweepArrays
} from '../../../src/node/session/session-reader'
import { SESSION_SCHEMA_VERSION } from '../../../src/shared/sessions'
import { config, evalRecord, sampleState, stepRecord, tempRoot } from './fixtures'

const tmp = tempRoot('writer-')
afterAll(tmp.cleanup)
const init = { name: 'test run', config, versions: { pseudoscope: '0.1.0' }, now: 1000 }
const cpu = { name: 'cpu' as const, device: 'js-cpu', detail: '' }

/** Files other than temp files: a write must never leave a temp behind. */
const tempFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.split(/[\\/]/).some((part) => part.startsWith('.tmp-')))

describe('SessionWriter', () => {
  it('creates a readable session and records a run', async () => {
    const dir = tmp.dir('basic')
    const w = await SessionWriter.create(dir, init)
    expect(readdirSync(dir).sort()).toEqual(['evals.jsonl', 'metrics.jsonl', 'session.json', 'sweeps.jsonl'])
    const segment = await w.beginSegment(0, cpu)
    expect(segment).toBe(0)
    w.appendMetrics([stepRecord(1), stepRecord(2)])
    w.appendMetrics([stepRecord(3)])
    await w.appendEval(evalRecord(3))
    await w.setCheckpointStep(3)
    await w.endSegment(3, 'finished')
    await w.close()

    const s = await readSessionFolder(dir)
    expect(s.metrics.map((m) => m.step)).toEqual([1, 2, 3])
    expect(s.metrics[0]).toEqual(stepRecord(1))
    expect(s.evals).toEqual([evalRecord(3)])
    expect(s.warnings).toEqual([])
    expect(s.ui).toEqual({})
    expect(s.manifest).toMatchObject({
      schemaVersion: SESSION_SCHEMA_VERSION, app: 'pseudoscope', name: 'test run', status: 'finished', createdAt: 1000, checkpointStep: 3
    })
    expect(s.manifest.config).toEqual(config)
    expect(s.manifest.segments).toEqual([
      expect.objectContaining({ index: 0, startStep: 0, endStep: 3, status: 'finished', backend: cpu })
    ])
    expect(tempFiles(dir)).toEqual([])
  })

  it('refuses a non-empty folder that is not a session, and an existing session', async () => {
    const dir = tmp.dir('foreign')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    await expect(SessionWriter.create(dir, init)).rejects.toMatchObject({ code: 'conflict' })
    expect(readdirSync(dir)).toEqual(['notes.txt'])
    const existing = tmp.dir('existing')
    await (await SessionWriter.create(existing, init)).close()
    await expect(SessionWriter.create(existing, init)).rejects.toMatchObject({ code: 'already-exists' })
    const badConfig = tmp.dir('bad-config')
    await expect(SessionWriter.create(badConfig, { ...init, config: { ...config, steps: 0 } })).rejects.toMatchObject({
      code: 'invalid-payload',
      message: expect.stringMatching(/config\.steps/)
    })
    expect(existsSync(badConfig)).toBe(false)
    const empty = tmp.dir('empty')
    mkdirSync(empty)
    await (await SessionWriter.create(empty, init)).close()
    expect(existsSync(join(empty, 'session.json'))).toBe(true)
  })

  it('flushes buffered metrics within the interval without an explicit flush', async () => {
    const dir = tmp.dir('timer')
    const w = await SessionWriter.create(dir, init, { flushIntervalMs: 50 })
    w.appendMetrics([stepRecord(1)])
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8')).toBe('')
    await new Promise((r) => setTimeout(r, 200))
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8')).toBe(`${JSON.stringify(stepRecord(1))}\n`)
    await w.close()
    expect(() => w.appendMetrics([stepRecord(2)])).toThrow(/closed/)
  })

  it('appending 5,000 step records is cheap', async () => {
    const w = await SessionWriter.create(tmp.dir('fast'), init)
    const records = Array.from({ length: 5000 }, (_, i) => stepRecord(i + 1))
    const t0 = performance.now()
    for (const r of records) w.appendMetrics([r])
    const perCall = (performance.now() - t0) / records.length
    await w.close()
    expect(perCall).toBeLessThan(0.2) // ms per step, buffered
    expect((await readSessionFolder(w.dir)).metrics).toHaveLength(5000)
  })

  it('truncateAfterStep drops later records and snapshots, so a resume continues cleanly', async () => {
    const dir = tmp.dir('truncate')
    const w = await SessionWriter.create(dir, init)
    await w.beginSegment(0, cpu)
    w.appendMetrics([1, 2, 3, 4, 5, 6].map((s) => stepRecord(s)))
    await w.appendEval(evalRecord(3))
    await w.appendEval(evalRecord(6))
    await w.writeSampleSnapshot(sampleState(3))
    await w.writeSampleSnapshot(sampleState(6))
    await w.setCheckpointStep(4)
    await w.endSegment(6, 'failed')
    await w.close()

    const r = await SessionWriter.open(dir)
    await r.truncateAfterStep(4)
    const segment = await r.beginSegment(4, cpu)
    r.appendMetrics([5, 6, 7].map((s) => stepRecord(s, segment)))
    await r.endSegment(7, 'finished')
    await r.close()

    const s = await readSessionFolder(dir)
    expect(s.metrics.map((m) => [m.step, m.segment])).toEqual([[1, 0], [2, 0], [3, 0], [4, 0], [5, 1], [6, 1], [7, 1]])
    expect(s.evals.map((e) => e.step)).toEqual([3])
    expect(s.manifest.sampleSnapshots).toEqual([3])
    expect(existsSync(join(dir, 'samples', '6'))).toBe(false)
    expect(s.manifest.segments.map((g) => [g.index, g.startStep, g.endStep, g.status])).toEqual([
      [0, 0, 6, 'failed'],
      [1, 4, 7, 'finished']
    ])
    expect(tempFiles(dir)).toEqual([])
  })

  it('open repairs a torn last line so new appends stay readable', async () => {
    const dir = tmp.dir('torn')
    const w = await SessionWriter.create(dir, init)
    w.appendMetrics([stepRecord(1), stepRecord(2)])
    await w.close()
    writeFileSync(join(dir, 'metrics.jsonl'), `${readFileSync(join(dir, 'metrics.jsonl'), 'utf8')}{"step":3,"ti`)
    expect((await readSessionFolder(dir)).warnings).toHaveLength(1)
    const r = await SessionWriter.open(dir)
    r.appendMetrics([stepRecord(3)])
    await r.close()
    const s = await readSessionFolder(dir)
    expect(s.metrics.map((m) => m.step)).toEqual([1, 2, 3])
    expect(s.warnings).toEqual([])
  })

  it('writes per-sample snapshots as npy and keeps only the newest N', async () => {
    const dir = tmp.dir('snapshots')
    const w = await SessionWriter.create(dir, init, { maxSampleSnapshots: 3 })
    for (const step of [10, 20, 30, 40, 50]) await w.writeSampleSnapshot(sampleState(step))
    await w.writeSampleSnapshot(sampleState(40)) // rewriting a step keeps one copy
    await w.close()
    expect(await listSampleSnapshots(dir)).toEqual([30, 40, 50])
    expect(readdirSync(join(dir, 'samples')).sort()).toEqual(['30', '40', '50'])
    expect(readdirSync(join(dir, 'samples', '50')).sort()).toEqual(
      ['confidence', 'datasetIndex', 'flips', 'lastStep', 'pseudoLabel', 'timesMasked', 'timesMaskedWrong', 'timesSeen', 'trueLabel'].map((f) => `${f}.npy`)
    )
    expect(await readSampleSnapshot(dir, 40)).toEqual(sampleState(40))
    expect(await readSampleSnapshot(dir, null)).toEqual(sampleState(50))
    expect(tempFiles(dir)).toEqual([])
  })

  it('refuses a snapshot with mismatched fields and an invalid ui state', async () => {
    const w = await SessionWriter.create(tmp.dir('invalid'), init)
    const bad = { ...sampleState(1), flips: new Int32Array(2) }
    await expect(w.writeSampleSnapshot(bad)).rejects.toMatchObject({ code: 'invalid-payload' })
    await expect(w.writeUi({ view: 'x'.repeat(100) })).rejects.toMatchObject({ code: 'invalid-payload' })
    await w.writeUi({ view: 'browser', chart: { smoothing: 0.6, xAxis: 'time' } })
    await w.close()
    expect((await readSessionFolder(w.dir)).ui).toEqual({ view: 'browser', chart: { smoothing: 0.6, xAxis: 'time' } })
  })

  it('setStatus, updateManifest and fail keep segments consistent', async () => {
    const w = await SessionWriter.create(tmp.dir('status'), init)
    await w.beginSegment(0, null)
    await w.setStatus('paused')
    expect(w.manifest.segments[0].status).toBe('paused')
    await w.updateManifest({ name: 'renamed' })
    w.appendMetrics([stepRecord(1), stepRecord(2)])
    await w.fail(new Error('boom'))
    await w.close()
    const s = await readSessionFolder(w.dir)
    expect(s.manifest).toMatchObject({ name: 'renamed', status: 'failed', error: { code: 'internal', message: 'boom' } })
    expect(s.manifest.segments[0]).toMatchObject({ endStep: 2, status: 'failed' })
    expect(s.metrics).toHaveLength(2)
  })

  it('writes sweep arrays, prunes the oldest and drops later ones on truncate', async () => {
    const dir = tmp.dir('sweep-arrays')
    const w = await SessionWriter.create(dir, init, { maxSampleSnapshots: 2 })
    const arrays = (k: number) => ({ pseudoLabel: Int32Array.from([k, 1, 2]), confidence: Float32Array.from([0.5, 0.25, k]) })
    await w.writeSweepArrays(10, 'ema', arrays(0))
    await w.writeSweepArrays(20, 'ema', arrays(1))
    await w.writeSweepArrays(30, 'raw', arrays(2))
    expect(await listSweepArrays(dir)).toEqual([{ step: 20, model: 'ema' }, { step: 30, model: 'raw' }])
    const back = await readSweepArrays(dir, 30, 'raw')
    expect(back.pseudoLabel).toEqual(Int16Array.from([2, 1, 2]))
    expect(back.confidence).toEqual(Float32Array.from([0.5, 0.25, 2]))
    await expect(readSweepArrays(dir, 30, 'ema')).rejects.toMatchObject({ code: 'not-found' })
    await expect(readSweepArrays(dir, 10, 'ema')).rejects.toMatchObject({ code: 'not-found' })
    await expect(w.writeSweepArrays(40, 'raw', { pseudoLabel: new Int16Array(2), confidence: new Float32Array(3) })).rejects.toMatchObject({
      code: 'invalid-payload'
    })
    await w.truncateAfterStep(25)
    await w.close()
    expect(await listSweepArrays(dir)).toEqual([{ step: 20, model: 'ema' }])
    expect(tempFiles(dir)).toEqual([])
  })

  it('openOrCreate opens a folder the run manager made and creates a missing one', async () => {
    const dir = tmp.dir('open-or-create')
    const made = await SessionWriter.openOrCreate(dir, init)
    made.appendMetrics([stepRecord(1)])
    await made.close()
    const again = await SessionWriter.openOrCreate(dir, { ...init, name: 'ignored' })
    expect(again.manifest.name).toBe('test run')
    again.appendMetrics([stepRecord(2)])
    await again.close()
    expect((await readSessionFolder(dir)).metrics.map((m) => m.step)).toEqual([1, 2])
  })
})
