import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { presetConfig } from '../../../src/shared/config/presets'
import type { EventChannel, EventPayload } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import { readManifest, updateManifest } from '../../../src/node/session/session-reader'
import { SessionLock } from '../../../src/node/session/session-lock'
import { RunManager } from '../../../src/main/services/run-manager'
import { ScriptedSpawner, stepRecord, tick, until } from './run-manager-fakes'

type Sent = { event: EventChannel; payload: unknown; at: number }

let dir: string
let sent: Sent[]
let spawner: ScriptedSpawner
let limit: number

function manager(extra: Partial<ConstructorParameters<typeof RunManager>[0]> = {}): RunManager {
  return new RunManager({
    spawner,
    sessionsDir: () => dir,
    events: <E extends EventChannel>(event: E, payload: EventPayload<E>) => sent.push({ event, payload, at: performance.now() }),
    maxConcurrent: () => limit,
    versions: { app: 'test' },
    log: () => undefined,
    ...extra
  })
}

const config = (name = 'Fake run') => ({ ...presetConfig('quick-mnist'), name, steps: 50 })
const of = <E extends EventChannel>(event: E) => sent.filter((s) => s.event === event).map((s) => s.payload as EventPayload<E>)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runs-'))
  sent = []
  spawner = new ScriptedSpawner()
  limit = 2
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('RunManager', () => {
  it('refuses an invalid config, naming every bad field, and creates nothing', async () => {
    const bad = { ...config(), steps: 0, algorithm: { ...config().algorithm, threshold: 2 } }
    const error = await manager().start(bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid-config')
    expect((error as AppError).message).toMatch(/steps/)
    expect((error as AppError).message).toMatch(/algorithm\.threshold/)
    expect(spawner.workers).toHaveLength(0)
  })

  it('batches a fast metrics stream to at most ~20 events a second, losing and reordering nothing', async () => {
    const runs = manager()
    const info = await runs.start(config())
    await until(() => runs.list()[0].state === 'running')
    const worker = spawner.workers[0]
    const begin = performance.now()
    for (let step = 1; step <= 3000; step++) {
      worker.emit({ type: 'metrics', records: [stepRecord(step)] })
      if (step % 20 === 0) await tick(1)
    }
    const elapsed = performance.now() - begin
    worker.emit({ type: 'done', status: 'finished', step: 3000 })
    worker.exit({ code: 0, signal: null })
    const final = await runs.whenSettled(info.runId)
    expect(final.state).toBe('finished')
    const batches = of('runs:metrics')
    expect(batches.flatMap((b) => b.records.map((r) => r.step))).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1))
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2)
    const times = sent.filter((s) => s.event === 'runs:metrics').map((s) => s.at)
    for (let i = 1; i < times.length - 1; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(45)
    // Every record is out before the run says it is finished.
    const lastMetrics = sent.map((s) => s.event).lastIndexOf('runs:metrics')
    const finished = sent.findIndex((s) => s.event === 'runs:changed' && (s.payload as { state: string }).state === 'finished')
    expect(lastMetrics).toBeLessThan(finished)
  })

  it("asks for the worker's environment at each start, so a Settings change applies to the next run", async () => {
    let threads = '2'
    const runs = manager({ workerEnv: () => ({ PSEUDOSCOPE_WASM_THREADS: threads }) })
    const a = await runs.start(config('A'))
    await until(() => spawner.workers.length === 1)
    threads = '1'
    await runs.start(config('B'))
    await until(() => spawner.workers.length === 2)
    expect(spawner.options.map((o) => o.env)).toEqual([{ PSEUDOSCOPE_WASM_THREADS: '2' }, { PSEUDOSCOPE_WASM_THREADS: '1' }])
    await runs.stop(a.runId)
  })

  it('a pause names the step it holds at, though the throttled progress said less', async () => {
    const runs = manager()
    const info = await runs.start(config())
    await until(() => runs.list()[0].state === 'running')
    const worker = spawner.workers[0]
    worker.emit({ type: 'progress', progress: { step: 3, totalSteps: 50, stepsPerSec: 10, imagesPerSec: 640, etaSec: 4.7 } })
    worker.emit({ type: 'metrics', records: [stepRecord(4)] })
    worker.emit({ type: 'paused', step: 4 })
    await until(() => runs.list()[0].state === 'paused')
    expect(runs.list()[0].progress).toMatchObject({ step: 4, totalSteps: 50 })
    expect(of('runs:metrics').flatMap((b) => b.records.map((r) => r.step))).toEqual([4])
    await runs.stop(info.runId)
  })

  it('queues beyond the concurrency limit and starts the next run when one ends', async () => {
    limit = 1
    const runs = manager()
    const a = await runs.start(config('A'))
    const b = await runs.start(config('B'))
    await until(() => runs.list().find((r) => r.runId === a.runId)?.state === 'running')
    expect(runs.list().find((r) => r.runId === b.runId)?.state).toBe('queued')
    expect(spawner.workers).toHaveLength(1)
    await runs.stop(a.runId)
    expect((await runs.whenSettled(a.runId)).state).toBe('stopped')
    await until(() => runs.list().find((r) => r.runId === b.runId)?.state === 'running')
    expect(spawner.workers).toHaveLength(2)
    expect(spawner.workers[0].sent.map((c) => c.type)).toEqual(['start', 'stop'])

    const c = await runs.start(config('C'))
    expect(runs.list().find((r) => r.runId === c.runId)?.state).toBe('queued')
    limit = 2
    runs.refreshQueue()
    await until(() => runs.list().find((r) => r.runId === c.runId)?.state === 'running')
  })

  it('marks a run whose worker dies as failed with the exit details; the other run carries on', async () => {
    const runs = manager()
    const a = await runs.start(config('A'))
    const b = await runs.start(config('B'))
    await until(() => runs.list().every((r) => r.state === 'running'))
    spawner.workers[0].emit({ type: 'metrics', records: [stepRecord(1)] })
    spawner.workers[0].exit({ code: null, signal: 'SIGKILL', reason: 'killed' })
    const failed = await runs.whenSettled(a.runId)
    expect(failed.state).toBe('failed')
    expect(failed.failure).toMatchObject({ error: { code: 'worker-crashed' }, signal: 'SIGKILL', reason: 'killed' })
    await until(() => of('sessions:changed').length >= 3)
    const manifest = await readManifest(join(dir, a.sessionId))
    expect(manifest.status).toBe('failed')
    expect(manifest.error?.code).toBe('worker-crashed')
    expect(runs.list().find((r) => r.runId === b.runId)?.state).toBe('running')
    runs.pause(b.runId)
    await until(() => runs.list().find((r) => r.runId === b.runId)?.state === 'paused')
    expect(() => runs.pause(b.runId)).toThrow(/paused/)
  })

  it("fails with the worker's own error when it reports one before exiting", async () => {
    const runs = manager()
    const a = await runs.start(config())
    await until(() => spawner.workers[0]?.sent.length === 1)
    spawner.workers[0].emit({ type: 'error', error: { code: 'backend-unavailable', message: 'no wasm' } })
    spawner.workers[0].exit({ code: 1, signal: null, reason: 'exit code 1' })
    const info = await runs.whenSettled(a.runId)
    expect(info.failure).toMatchObject({ error: { code: 'backend-unavailable' }, exitCode: 1 })
  })

  it('on shutdown, drops queued runs and kills workers that do not stop in time', async () => {
    limit = 1
    const runs = manager()
    const a = await runs.start(config('A'))
    const b = await runs.start(config('B'))
    await until(() => runs.list()[0].state === 'running')
    spawner.workers[0].onCommand = () => undefined // ignores 'stop'
    const begin = Date.now()
    await runs.shutdown(200)
    expect(Date.now() - begin).toBeLessThan(2000)
    expect((await runs.whenSettled(a.runId)).failure?.error.message).toMatch(/did not stop within 200 ms/)
    expect((await runs.whenSettled(b.runId)).state).toBe('stopped')
    expect(spawner.workers).toHaveLength(1)
    await expect(runs.start(config())).rejects.toThrow(/shutting down/)
  })

  it('refuses to continue a session another process (e.g. the CLI) is training in', async () => {
    const runs = manager()
    const info = await runs.start(config('Locked'))
    await until(() => spawner.workers.length === 1 && runs.list()[0].state === 'running')
    const worker = spawner.workers[0]
    worker.emit({ type: 'checkpoint', step: 10 })
    worker.emit({ type: 'done', status: 'stopped', step: 10 })
    worker.exit({ code: 0, signal: null })
    await runs.whenSettled(info.runId)
    const sessionDir = join(dir, info.sessionId)
    await updateManifest(sessionDir, (m) => ({ ...m, checkpointStep: 10 }))
    const lock = await SessionLock.acquire(sessionDir)
    await expect(runs.continueSession({ sessionDir }, 5)).rejects.toThrow(new RegExp(`is in use by another run \\(process ${process.pid} on `))
    expect(spawner.workers).toHaveLength(1)
    await lock.release()
    expect((await runs.continueSession({ sessionDir }, 5)).sessionId).toBe(info.sessionId)
    expect(spawner.workers).toHaveLength(2)
  })

  it.each([
    [{ type: 'bogus' }, /sent a malformed 'bogus' message/],
    [{ type: 'metrics', records: [{ step: 'x' }] }, /sent a malformed 'metrics' message \(records\.0\.step: /],
    [null, /sent a malformed message/],
    [{ type: 'done', status: 'finished', step: 1, extra: 'x'.repeat(10) }, /malformed 'done' message/]
  ])('fails the run and kills the worker on a malformed message %j, without throwing in main', async (message, reason) => {
    const runs = manager()
    const info = await runs.start(config('Garbage'))
    await until(() => runs.list()[0].state === 'running')
    spawner.workers[0].emitRaw(message)
    const settled = await runs.whenSettled(info.runId)
    expect(settled.state).toBe('failed')
    expect(settled.failure?.error).toMatchObject({ code: 'worker-crashed', message: expect.stringMatching(reason) })
    expect(spawner.workers[0].exited).toBe(true)
  })

  it('forwards a huge log line cut to its first 4000 characters', async () => {
    const runs = manager()
    await runs.start(config('Chatty'))
    await until(() => runs.list()[0].state === 'running')
    spawner.workers[0].emit({ type: 'log', level: 'warn', message: 'y'.repeat(50_000) })
    const logs = of('runs:log')
    expect(logs).toHaveLength(1)
    expect(logs[0].message).toHaveLength(4001)
    expect(runs.list()[0].state).toBe('running')
  })
})
