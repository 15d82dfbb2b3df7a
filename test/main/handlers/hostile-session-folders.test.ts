// Session folders others wrote, read through the real handler table: FIFOs never freeze main
// (four blocked opens would take all of Node's file threads), symlinks never take a read
// outside the folder, and every refusal is a typed error that comes back within a bound.
import { appendFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../src/shared/contract'
import type { SessionSummary } from '../../../src/shared/sessions'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { makeSession, mkfifo, releaseFifos, within } from '../helpers/hostile-folders'
import { tempServices, type TempServices } from '../helpers/temp-services'

describe.skipIf(process.platform === 'win32')('session folders written by others', () => {
  let temp: TempServices
  let table: HandlerTable
  let sessions: string
  let outside: string
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown> | 'timeout'> => within(dispatch(table, channel, payload))

  beforeAll(async () => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
    sessions = temp.services.sessionsDir()
    outside = join(temp.dir, 'outside')
    mkdirSync(sessions, { recursive: true })
    await makeSession(join(sessions, 'healthy-a'), 'healthy a')
    await makeSession(join(sessions, 'healthy-b'), 'healthy b')
    // Four FIFOs as metrics.jsonl: enough to take every one of Node's file threads.
    for (const n of [1, 2, 3, 4]) {
      await makeSession(join(sessions, `fifo-metrics-${n}`), `fifo metrics ${n}`)
      mkfifo(join(sessions, `fifo-metrics-${n}`, 'metrics.jsonl'))
    }
    await makeSession(join(sessions, 'fifo-evals'), 'fifo evals')
    mkfifo(join(sessions, 'fifo-evals', 'evals.jsonl'))
    mkdirSync(join(sessions, 'fifo-manifest'))
    mkfifo(join(sessions, 'fifo-manifest', 'session.json'))
    // Valid sessions outside, reached only through symlinks: never listed, never read.
    await makeSession(join(outside, 'elsewhere'), 'elsewhere')
    symlinkSync(join(outside, 'elsewhere'), join(sessions, 'linked-folder'))
    mkdirSync(join(sessions, 'linked-manifest'))
    symlinkSync(join(outside, 'elsewhere', 'session.json'), join(sessions, 'linked-manifest', 'session.json'))
    // Healthy manifests whose other files are links or FIFOs.
    await makeSession(join(sessions, 'linked-metrics'), 'linked metrics')
    rmSync(join(sessions, 'linked-metrics', 'metrics.jsonl'))
    symlinkSync(join(outside, 'elsewhere', 'metrics.jsonl'), join(sessions, 'linked-metrics', 'metrics.jsonl'))
    await makeSession(join(sessions, 'linked-samples'), 'linked samples')
    rmSync(join(sessions, 'linked-samples', 'samples'), { recursive: true })
    symlinkSync(join(outside, 'elsewhere', 'samples'), join(sessions, 'linked-samples', 'samples'))
    await makeSession(join(sessions, 'fifo-sample'), 'fifo sample')
    mkfifo(join(sessions, 'fifo-sample', 'samples', '3', 'confidence.npy'))
    await makeSession(join(sessions, 'fifo-ui'), 'fifo ui')
    mkfifo(join(sessions, 'fifo-ui', 'ui.json'))
    // A 16 MiB unterminated line after three good ones: once read in quadratic time and dropped as a torn line.
    await makeSession(join(sessions, 'long-line'), 'long line')
    appendFileSync(join(sessions, 'long-line', 'metrics.jsonl'), `{"step":4,"s":"${'x'.repeat(16 * 1024 * 1024)}`)
  })
  afterAll(async () => {
    releaseFifos()
    await temp.dispose()
  })

  it('sessions:list answers within the bound and lists only the healthy sessions', async () => {
    const result = await call('sessions:list', undefined)
    expect(result, 'sessions:list hung on a FIFO').not.toBe('timeout')
    expect(result).toMatchObject({ ok: true })
    const names = ((result as { value: SessionSummary[] }).value).map((s) => s.name).sort()
    expect(names).toEqual(['fifo sample', 'fifo ui', 'healthy a', 'healthy b', 'linked samples', 'long line'])
    // A second list still answers: no file thread was left blocked.
    expect(await call('sessions:list', undefined)).toMatchObject({ ok: true })
  })

  it('sessions:open refuses FIFO and symlinked logs with a typed error, in time', async () => {
    for (const id of ['fifo-metrics-1', 'fifo-evals', 'fifo-manifest', 'linked-manifest', 'linked-metrics']) {
      const result = await call('sessions:open', { sessionId: id })
      expect(result, id).not.toBe('timeout')
      expect(result, id).toMatchObject({ ok: false, error: { code: 'session-corrupt', message: expect.stringMatching(/symlink|special file/) } })
    }
    // The symlinked session folder is not a session here at all.
    expect(await call('sessions:open', { sessionId: 'linked-folder' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    // A FIFO ui.json is only the default view, with a warning.
    expect(await call('sessions:open', { sessionId: 'fifo-ui' })).toMatchObject({
      ok: true,
      value: { ui: {}, warnings: [expect.stringContaining('ui.json')] }
    })
  })

  it('sessions:open refuses an over-long metrics line, naming its line number', async () => {
    expect(await call('sessions:open', { sessionId: 'long-line' })).toMatchObject({
      ok: false,
      error: { code: 'session-corrupt', message: expect.stringMatching(/metrics\.jsonl line 4 is longer than \d+ bytes/) }
    })
  })

  it('sessions:samples refuses a FIFO .npy and a symlinked samples folder, in time', async () => {
    expect(await call('sessions:samples', { sessionId: 'healthy-a', step: null })).toMatchObject({ ok: true, value: { step: 3 } })
    for (const id of ['fifo-sample', 'linked-samples']) {
      const result = await call('sessions:samples', { sessionId: id, step: null })
      expect(result, id).not.toBe('timeout')
      expect(result, id).toMatchObject({ ok: false, error: { code: 'session-corrupt', message: expect.stringMatching(/symlink|special file/) } })
    }
  })
})
