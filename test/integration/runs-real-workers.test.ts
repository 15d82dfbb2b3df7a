// Real child-process workers training a few steps of Quick MNIST, driven through the
// app's handler table: streaming, stop and reopen, crash isolation and resume.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dependencies, version } from '../../package.json'
import type { StepMetrics } from '../../src/shared/metrics'
import { readManifest, readMetrics } from '../../src/node/session/session-reader'
import { createHarness, tinyConfig, until, type Harness } from './runs-helpers'

let h: Harness
/** The session test 1 stopped, with the records it streamed. */
let stoppedSession: { id: string; path: string; records: StepMetrics[] } | null = null

beforeAll(() => {
  h = createHarness()
})
afterAll(async () => {
  await h.services.shutdown(5000)
  rmSync(h.root, { recursive: true, force: true })
})

const streamed = (runId: string): StepMetrics[] => h.of('runs:metrics').filter((e) => e.runId === runId).flatMap((e) => e.records)

describe('runs with real workers', () => {
  it('streams batched metrics, stops on request, and reopens with exactly the streamed metrics', async () => {
    const info = await h.call('runs:start', { config: tinyConfig('Stream and stop', 400) })
    expect(['queued', 'starting']).toContain(info.state)
    await until(() => streamed(info.runId).length >= 3, 60_000, 'three streamed steps')
    const state = () => h.services.runs.list().find((r) => r.runId === info.runId)?.state
    await h.call('runs:pause', { runId: info.runId })
    await until(() => state() === 'paused', 30_000, 'paused')
    const atPause = streamed(info.runId).length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(streamed(info.runId).length).toBe(atPause)
    await h.call('runs:resume', { runId: info.runId })
    await until(() => state() === 'running', 30_000, 'running again')
    await until(() => streamed(info.runId).length >= atPause + 3, 60_000, 'three more steps')
    const stopped = await h.call('runs:stop', { runId: info.runId })
    expect(stopped.state).toBe('stopping')
    const final = await h.services.runs.whenSettled(info.runId)
    expect(final.state).toBe('stopped')
    expect(final.backend?.name).toBe('wasm')

    const records = streamed(info.runId)
    const steps = records.map((r) => r.step)
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1))
    const batches = h.events.filter((e) => e.event === 'runs:metrics' && (e.payload as { runId: string }).runId === info.runId)
    // At most one batch per 50 ms interval, except that a state change (pause, resume, stop)
    // flushes what is pending at once: each of those may cut one interval short.
    const states = h.events
      .filter((e) => e.event === 'runs:changed' && (e.payload as { runId: string }).runId === info.runId)
      .map((e) => (e.payload as { state: string }).state)
    const stateChanges = states.filter((s, i) => i > 0 && s !== states[i - 1]).length
    const shortGaps = batches.slice(1).filter((b, i) => b.at - batches[i].at < 45).length
    expect(batches.length).toBeGreaterThan(2)
    expect(shortGaps, `${shortGaps} of ${batches.length - 1} gaps under 45 ms, ${stateChanges} state changes`).toBeLessThanOrEqual(stateChanges)

    const data = await h.call('sessions:open', { sessionId: info.sessionId })
    expect(data.metrics).toEqual(records)
    expect(await readMetrics(data.summary.path)).toEqual(records)
    expect(data.manifest.status).toBe('stopped')
    // main creates the folder; the worker adds what only it knows (tfjs is pinned exactly).
    expect(data.manifest.versions).toMatchObject({ pseudoscope: version, tfjs: dependencies['@tensorflow/tfjs'], node: process.versions.node })
    expect(data.manifest.checkpointStep).toBe(steps.at(-1))
    expect(data.summary).toMatchObject({ lastStep: steps.at(-1), totalSteps: 400 })
    const listed = await h.call('runs:list', undefined)
    expect(listed.find((r) => r.runId === info.runId)?.state).toBe('stopped')
    stoppedSession = { id: info.sessionId, path: data.summary.path, records }
  }, 120_000)

  it('refuses a copy whose session.json is corrupt, untouched, and loads a truncated metrics file with a warning', async () => {
    if (!stoppedSession) throw new Error('needs the stopped session of the first test')
    const copy = await h.call('sessions:save-as', { sessionId: stoppedSession.id, name: 'Damaged copy' })
    const manifestPath = join(copy.path, 'session.json')
    const damaged = readFileSync(manifestPath, 'utf8').slice(0, 120)
    writeFileSync(manifestPath, damaged)
    const opened = await h.raw('sessions:open', { sessionId: copy.id })
    expect(opened.ok ? 'ok' : opened.error).toMatchObject({ code: 'session-corrupt', message: expect.stringContaining(manifestPath) })
    expect((await h.call('sessions:list', undefined)).map((s) => s.id)).not.toContain(copy.id)
    expect(readFileSync(manifestPath, 'utf8')).toBe(damaged)

    const metricsPath = join(stoppedSession.path, 'metrics.jsonl')
    const full = readFileSync(metricsPath)
    writeFileSync(metricsPath, full.subarray(0, full.length - 40))
    const data = await h.call('sessions:open', { sessionId: stoppedSession.id })
    expect(data.metrics).toEqual(stoppedSession.records.slice(0, -1))
    expect(data.warnings.join(' ')).toMatch(/metrics\.jsonl: skipped a torn last line/)
    expect(readFileSync(metricsPath).length).toBe(full.length - 40)
  })

  it('isolates a killed worker: that run fails, the other finishes, and the failed session resumes to its planned steps', async () => {
    await h.call('settings:set', { maxConcurrentRuns: 2 })
    const spawnedBefore = h.workers.length
    const crash = await h.call('runs:start', { config: tinyConfig('Crash', 8) })
    const steady = await h.call('runs:start', { config: tinyConfig('Steady', 4) })
    const crashDir = h.services.runs.get(crash.runId).dir
    await until(async () => (await readManifest(crashDir)).checkpointStep !== null, 60_000, 'a checkpoint')
    const pid = h.workers[spawnedBefore].pid
    expect(pid).toBeGreaterThan(0)
    process.kill(pid as number, 'SIGKILL')

    const failed = await h.services.runs.whenSettled(crash.runId)
    expect(failed.state).toBe('failed')
    expect(failed.failure).toMatchObject({ error: { code: 'worker-crashed' }, signal: 'SIGKILL', exitCode: null })
    expect(failed.failure?.reason).toMatch(/killed/)
    const done = await h.services.runs.whenSettled(steady.runId)
    expect(done.state).toBe('finished')
    expect(streamed(steady.runId).map((r) => r.step)).toEqual([1, 2, 3, 4])

    const afterCrash = await h.call('sessions:open', { sessionId: crash.sessionId })
    expect(afterCrash.manifest.status).toBe('failed')
    expect(afterCrash.manifest.error?.code).toBe('worker-crashed')
    const checkpoint = afterCrash.manifest.checkpointStep as number
    expect(checkpoint).toBeGreaterThanOrEqual(2)

    const resumed = await h.call('runs:continue', { sessionId: crash.sessionId })
    expect(resumed.sessionId).toBe(crash.sessionId)
    const end = await h.services.runs.whenSettled(resumed.runId)
    expect(end.state).toBe('finished')
    expect(streamed(resumed.runId)[0].step).toBe(checkpoint + 1)
    const reopened = await h.call('sessions:open', { sessionId: crash.sessionId })
    // No gap: every record up to the checkpoint must be on disk before checkpointStep is (a
    // worker killed right after a checkpoint must not lose the metrics still in its buffer).
    expect(reopened.metrics.map((m) => m.step)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1))
    expect(reopened.manifest.status).toBe('finished')
    expect(reopened.manifest.segments.map((s) => s.startStep)).toEqual([0, checkpoint])
    expect(reopened.evals.at(-1)?.step).toBe(8)
  }, 240_000)
})
