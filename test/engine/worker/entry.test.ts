// Forks the real worker entry as a Node child (as the run manager's node-child spawner does)
// and drives a tiny MNIST run through the worker protocol.
import { fork } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { presetConfig } from '../../../src/shared/config/presets'
import type { WorkerCommand, WorkerEvent } from '../../../src/shared/worker-protocol'

const ENTRY = fileURLToPath(new URL('../../../src/engine/worker/entry.ts', import.meta.url))

function startWorker() {
  const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' })
  const events: WorkerEvent[] = []
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  child.on('message', (m) => events.push(m as WorkerEvent))
  const send = (c: WorkerCommand): void => void child.send(c)
  return { child, events, exited, send, stderr: () => stderr }
}

describe('worker entry (Node child)', () => {
  it('runs a tiny MNIST run: ready, started, metrics, eval, done, exit 0', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'pseudoscope-worker-')), 'session')
    const preset = presetConfig('quick-mnist')
    const config = { ...preset, steps: 3, evalInterval: 3, sweepInterval: 0, batch: { labeled: 8, mu: 2 }, ema: { enabled: false, decay: 0.9 }, backend: 'wasm' as const }
    const w = startWorker()
    w.child.once('message', () => w.send({ type: 'start', runId: 'r1', config, sessionDir: dir, resume: false }))
    const code = await w.exited
    expect(code, w.stderr()).toBe(0)
    const types = w.events.map((e) => e.type)
    expect(types[0]).toBe('ready')
    expect(types).toContain('started')
    expect(types).toContain('eval')
    expect(types[types.length - 1]).toBe('done')
    const steps = w.events.flatMap((e) => (e.type === 'metrics' ? e.records.map((r) => r.step) : []))
    expect(steps).toEqual([1, 2, 3])
    const started = w.events.find((e) => e.type === 'started')
    expect(started).toMatchObject({ backend: { name: 'wasm' }, startStep: 0, segment: 0 })
    const session = await readSessionFolder(dir)
    expect(session.metrics).toHaveLength(3)
    expect(session.manifest.status).toBe('finished')
  }, 120_000)

  it('reports an invalid config as an error event and exits non-zero', async () => {
    const w = startWorker()
    const bad = { ...presetConfig('quick-mnist'), algorithm: { name: 'fixmatch', threshold: 2, temperature: 1, lambdaU: 1 } }
    w.child.once('message', () => w.send({ type: 'start', runId: 'r2', config: bad as never, sessionDir: join(tmpdir(), 'unused'), resume: false }))
    const code = await w.exited
    expect(code).not.toBe(0)
    const error = w.events.find((e) => e.type === 'error')
    expect(error).toMatchObject({ error: { code: 'invalid-config' } })
    expect(JSON.stringify(error)).toContain('algorithm.threshold')
  }, 60_000)
})
