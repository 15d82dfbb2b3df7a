import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { presetConfig } from '../../../src/shared/config/presets'
import type { EventChannel, EventPayload } from '../../../src/shared/contract'
import type { EvalRecord, SampleState } from '../../../src/shared/metrics'
import { SessionLock } from '../../../src/node/session/session-lock'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { SessionStore } from '../../../src/main/services/session-store'
import { stepRecord } from './run-manager-fakes'

let root: string
let sessionsDir: string
let trashed: string[]
let busy: Set<string>
let warnings: string[]
let events: { event: EventChannel; payload: unknown }[]

function store(): SessionStore {
  return new SessionStore({
    sessionsDir: () => sessionsDir,
    trash: async (path) => {
      trashed.push(path)
      rmSync(path, { recursive: true })
    },
    events: <E extends EventChannel>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
    isBusy: (dir) => busy.has(dir),
    warn: (message) => warnings.push(message)
  })
}

const evalAt = (step: number, testAcc: number, emaTestAcc: number | null): EvalRecord => ({
  step,
  time: 1_700_000_000_000 + step,
  testAcc,
  testLoss: 1 - testAcc,
  emaTestAcc,
  emaTestLoss: emaTestAcc === null ? null : 1 - emaTestAcc,
  testSamples: 100
})

function sampleState(step: number, n: number): SampleState {
  const ints = (f: (i: number) => number) => Int32Array.from({ length: n }, (_, i) => f(i))
  return {
    step,
    datasetIndex: ints((i) => i * 2),
    trueLabel: Int16Array.from({ length: n }, (_, i) => i % 10),
    pseudoLabel: Int16Array.from({ length: n }, (_, i) => (i * 3) % 10),
    confidence: Float32Array.from({ length: n }, (_, i) => (i % 100) / 100),
    lastStep: ints(() => step),
    timesSeen: ints((i) => i % 4),
    timesMasked: ints((i) => i % 3),
    timesMaskedWrong: ints((i) => i % 2),
    flips: ints((i) => i % 5)
  }
}

/** A real session folder, written the way a run writes it. */
async function writeSession(dir: string, name: string, steps: number): Promise<void> {
  const writer = await SessionWriter.create(dir, { name, config: { ...presetConfig('quick-mnist'), name }, versions: { app: 'test' } })
  await writer.beginSegment(0, null)
  writer.appendMetrics(Array.from({ length: steps }, (_, i) => stepRecord(i + 1)))
  await writer.appendEval(evalAt(5, 0.5, 0.625))
  await writer.appendEval(evalAt(10, 0.75, 0.5))
  await writer.writeSampleSnapshot(sampleState(10, 50))
  await writer.endSegment(steps, 'stopped')
  await writer.close()
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'store-'))
  sessionsDir = join(root, 'sessions')
  trashed = []
  busy = new Set()
  warnings = []
  events = []
  await writeSession(join(sessionsDir, 'alpha'), 'Alpha', 12)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('SessionStore', () => {
  it('lists sessions with their progress and best accuracy, skipping unreadable folders untouched', async () => {
    mkdirSync(join(sessionsDir, 'broken'))
    writeFileSync(join(sessionsDir, 'broken', 'session.json'), '{"app": "pseudoscope", "schemaVer')
    mkdirSync(join(sessionsDir, 'holiday-photos'))
    const list = await store().list()
    expect(list.map((s) => s.id)).toEqual(['alpha'])
    expect(list[0]).toMatchObject({ name: 'Alpha', datasetId: 'mnist', status: 'stopped', lastStep: 12, bestTestAcc: 0.75, totalSteps: presetConfig('quick-mnist').steps })
    expect(warnings.join('\n')).toMatch(/broken.*not valid JSON/)
    expect(warnings.join('\n')).toMatch(/holiday-photos.*no session\.json/)
    expect(readFileSync(join(sessionsDir, 'broken', 'session.json'), 'utf8')).toBe('{"app": "pseudoscope", "schemaVer')
  })

  it('opens a session with all its metrics, evals and ui; a corrupt manifest is a clear error', async () => {
    const sessions = store()
    await sessions.saveUi('alpha', { view: 'browser', chart: { smoothing: 0.6, xAxis: 'time' } })
    const data = await sessions.open('alpha')
    expect(data.metrics).toEqual(Array.from({ length: 12 }, (_, i) => stepRecord(i + 1)))
    expect(data.evals.map((e) => e.step)).toEqual([5, 10])
    expect(data.ui).toEqual({ view: 'browser', chart: { smoothing: 0.6, xAxis: 'time' } })
    expect(data.warnings).toEqual([])
    const samples = await sessions.samples('alpha', null)
    expect(samples.step).toBe(10)
    expect(Array.from(samples.pseudoLabel)).toEqual(Array.from(sampleState(10, 50).pseudoLabel))

    writeFileSync(join(sessionsDir, 'alpha', 'session.json'), 'not json at all')
    await expect(sessions.open('alpha')).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringMatching(/session\.json/) })
    expect(readFileSync(join(sessionsDir, 'alpha', 'session.json'), 'utf8')).toBe('not json at all')
  })

  it('loads a metrics file with a torn last line, with a warning, and leaves the file as it is', async () => {
    const path = join(sessionsDir, 'alpha', 'metrics.jsonl')
    appendFileSync(path, '{"step": 13, "time": 17')
    const before = readFileSync(path)
    const data = await store().open('alpha')
    expect(data.metrics.map((m) => m.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(data.warnings.join(' ')).toMatch(/metrics\.jsonl: skipped a torn last line/)
    expect(data.summary.lastStep).toBe(12)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('resolves only listed ids', async () => {
    const sessions = store()
    for (const id of ['nope', '../sessions/alpha', '..', 'alpha/..', '.']) {
      await expect(sessions.open(id)).rejects.toMatchObject({ code: 'not-found' })
    }
  })

  it('saves as a copy under a new name, renames, and exports CSV', async () => {
    const sessions = store()
    const copy = await sessions.saveAs('alpha', 'Alpha (copy)')
    expect(copy.id).not.toBe('alpha')
    expect(copy.name).toBe('Alpha (copy)')
    expect((await sessions.open(copy.id)).metrics).toEqual((await sessions.open('alpha')).metrics)
    expect((await sessions.list()).map((s) => s.name).sort()).toEqual(['Alpha', 'Alpha (copy)'])

    const renamed = await sessions.rename('alpha', 'Renamed')
    expect(renamed).toMatchObject({ id: 'alpha', name: 'Renamed' })
    expect((await sessions.open('alpha')).manifest.name).toBe('Renamed')

    const csvPath = join(root, 'out', 'alpha.csv')
    mkdirSync(join(root, 'out'))
    expect(await sessions.exportCsv('alpha', csvPath)).toEqual({ path: csvPath })
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n')
    expect(lines[0].split(',').slice(0, 3)).toEqual(['step', 'time', 'segment'])
    expect(lines).toHaveLength(13)
    expect(lines[10].split(',').at(-5)).toBe('0.75') // step 10: testAcc
    expect(events.filter((e) => e.event === 'sessions:changed').length).toBeGreaterThanOrEqual(2)
  })

  it('deletes through the trash, but never while a run writes to the session', async () => {
    const sessions = store()
    const dir = join(sessionsDir, 'alpha')
    busy.add(dir)
    await expect(sessions.delete('alpha')).rejects.toMatchObject({ code: 'conflict' })
    await expect(sessions.rename('alpha', 'x')).rejects.toMatchObject({ code: 'conflict' })
    expect(trashed).toEqual([])
    busy.clear()
    await sessions.delete('alpha')
    expect(trashed).toEqual([dir])
    expect(await sessions.list()).toEqual([])
  })

  it('refuses delete, rename and copy while another process (e.g. the CLI) holds the session lock', async () => {
    const sessions = store()
    const lock = await SessionLock.acquire(join(sessionsDir, 'alpha'))
    for (const attempt of [() => sessions.delete('alpha'), () => sessions.rename('alpha', 'x'), () => sessions.saveAs('alpha', 'copy')]) {
      await expect(attempt()).rejects.toThrow(new RegExp(`while a run \\(process ${process.pid} on .*\\) writes to it`))
    }
    expect(trashed).toEqual([])
    await lock.release()
    const copy = await sessions.saveAs('alpha', 'copy')
    expect(copy.name).toBe('copy')
  })

  it('imports a session folder from elsewhere under a stable opaque id, and refuses a foreign folder', async () => {
    const outside = join(root, 'cli-runs', 'mnist-1')
    await writeSession(outside, 'From the CLI', 7)
    const sessions = store()
    const imported = await sessions.import(outside)
    expect(imported.id).toMatch(/^@[0-9a-f]{16}$/)
    expect(imported).toMatchObject({ name: 'From the CLI', lastStep: 7, path: outside })
    const again = await store().list()
    expect(again.find((s) => s.id === imported.id)?.path).toBe(outside)
    expect((await sessions.open(imported.id)).metrics).toHaveLength(7)

    const foreign = join(root, 'documents')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'notes.txt'), 'hello')
    await expect(sessions.import(foreign)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringMatching(/no session\.json/) })
    await expect(sessions.import(join(root, 'missing'))).rejects.toMatchObject({ code: 'not-found' })
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('hello')
  })
})
