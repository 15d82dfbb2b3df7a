// The Node child spawner with tiny real child programs: how deaths are reported, and that a
// child that ignores 'stop' is killed within the shutdown bound.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetConfig } from '../../../src/shared/config/presets'
import { NodeChildSpawner } from '../../../src/main/services/node-child-spawner'
import { RunManager } from '../../../src/main/services/run-manager'

let dir: string
const script = (name: string, body: string): string => {
  const path = join(dir, name)
  writeFileSync(path, body)
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spawner-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function manager(entry: string): RunManager {
  return new RunManager({
    spawner: new NodeChildSpawner({ entry }),
    sessionsDir: () => join(dir, 'sessions'),
    events: () => undefined,
    maxConcurrent: () => 4,
    versions: {},
    log: () => undefined
  })
}

const READY = "process.send({ type: 'ready', pid: process.pid });"
const STARTED =
  "process.send({ type: 'started', backend: { name: 'cpu', device: 'js-cpu', detail: '' }, startStep: 0, segment: 0, numUnlabeled: 1 });"

describe('NodeChildSpawner', () => {
  it('reports an exception that kills the worker by its error line', async () => {
    const entry = script('throws.mjs', `${READY}\nprocess.on('message', () => { throw new RangeError('tensor shape mismatch in layer 3') })`)
    const runs = manager(entry)
    const info = await runs.start(presetConfig('quick-mnist'))
    const final = await runs.whenSettled(info.runId)
    expect(final.state).toBe('failed')
    expect(final.failure).toMatchObject({ exitCode: 1, signal: null, error: { code: 'worker-crashed' } })
    expect(final.failure?.reason).toMatch(/^RangeError: tensor shape mismatch in layer 3/)
    expect(final.failure?.error.message).toMatch(/exit code 1.*RangeError/)
  })

  it('kills a worker that ignores stop once the shutdown bound passes', async () => {
    const entry = script('deaf.mjs', `${READY}\nprocess.on('message', (m) => { if (m.type === 'start') ${STARTED} })\nsetInterval(() => {}, 1000)`)
    const runs = manager(entry)
    const info = await runs.start(presetConfig('quick-mnist'))
    while (runs.list()[0].state !== 'running') await new Promise((resolve) => setTimeout(resolve, 10))
    const begin = Date.now()
    await runs.shutdown(300)
    const final = await runs.whenSettled(info.runId)
    expect(Date.now() - begin).toBeLessThan(3000)
    expect(final.state).toBe('failed')
    expect(final.failure).toMatchObject({ signal: 'SIGKILL', reason: 'killed' })
    expect(final.failure?.error.message).toMatch(/did not stop within 300 ms/)
  })

  it('reports a worker whose entry cannot be found', async () => {
    const runs = manager(join(dir, 'missing.mjs'))
    const info = await runs.start(presetConfig('quick-mnist'))
    const final = await runs.whenSettled(info.runId)
    expect(final.state).toBe('failed')
    expect(final.failure?.reason).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/)
  })
})
