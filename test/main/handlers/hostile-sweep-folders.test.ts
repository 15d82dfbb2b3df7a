// Sweep folders others wrote, read through the real handler table: a FIFO or symlinked
// sweep.json, a symlinked sweep folder, and run folders whose files are FIFOs or links.
// sweeps:list and sweeps:get answer within a bound and read nothing outside the sweeps folder.
import { mkdirSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../src/shared/contract'
import type { SweepDetail, SweepListing } from '../../../src/shared/sweep-view'
import type { SessionSummary } from '../../../src/shared/sessions'
import { presetConfig } from '../../../src/shared/config/presets'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { createSweepFolder, writeSweepManifest } from '../../../src/node/sweep/sweep-folder'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { makeSession, mkfifo, releaseFifos, within } from '../helpers/hostile-folders'
import { tempServices, type TempServices } from '../helpers/temp-services'

/** A finished local sweep of `seeds.length` runs in dir, each run's session made by `session`. */
async function makeSweep(dir: string, name: string, seeds: number[]): Promise<string[]> {
  const spec = parseSweepSpec({ name, config: { ...presetConfig('quick-mnist'), steps: 3 }, grid: { seed: seeds } })
  const m = await createSweepFolder(dir, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
  await writeSweepManifest(dir, { ...m, runs: m.runs.map((r) => ({ ...r, state: 'finished', attempts: 1, exitCode: 0 })) })
  return m.runs.map((r) => r.name)
}

describe.skipIf(process.platform === 'win32')('sweep folders written by others', () => {
  let temp: TempServices
  let table: HandlerTable
  let sweeps: string
  let outside: string
  let runs: string[]
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown> | 'timeout'> => within(dispatch(table, channel, payload))

  beforeAll(async () => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
    sweeps = join(dirname(temp.services.sessionsDir()), 'pseudoscope-sweeps')
    outside = join(temp.dir, 'outside')
    mkdirSync(sweeps, { recursive: true })
    // Valid sweeps and a session outside, reached only through symlinks.
    await makeSweep(join(outside, 'elsewhere'), 'elsewhere', [1])
    await makeSession(join(outside, 'session'), 'outside session')
    symlinkSync(join(outside, 'elsewhere'), join(sweeps, 'linked-sweep'))
    mkdirSync(join(sweeps, 'linked-manifest'))
    symlinkSync(join(outside, 'elsewhere', 'sweep.json'), join(sweeps, 'linked-manifest', 'sweep.json'))
    mkdirSync(join(sweeps, 'fifo-manifest'))
    // A folder whose sweep.json is not written yet (a sweep being created): neither listed nor unreadable.
    mkdirSync(join(sweeps, 'half-made'))
    mkfifo(join(sweeps, 'fifo-manifest', 'sweep.json'))
    // A valid sweep whose run folders are healthy, FIFO-laden or links.
    runs = await makeSweep(join(sweeps, 'runs'), 'runs', [1, 2, 3, 4, 5])
    const run = (i: number): string => join(sweeps, 'runs', runs[i])
    await makeSession(run(0), 'healthy run')
    await makeSession(run(1), 'fifo metrics')
    mkfifo(join(run(1), 'metrics.jsonl'))
    await makeSession(run(2), 'fifo evals')
    mkfifo(join(run(2), 'evals.jsonl'))
    mkdirSync(run(3))
    mkfifo(join(run(3), 'session.json'))
    symlinkSync(join(outside, 'session'), run(4))
  })
  afterAll(async () => {
    releaseFifos()
    await temp.dispose()
  })

  it('sweeps:list answers within the bound, lists only the real sweep, and says why the others cannot be opened', async () => {
    const result = await call('sweeps:list', undefined)
    expect(result, 'sweeps:list hung on a FIFO').not.toBe('timeout')
    expect(result).toMatchObject({ ok: true })
    const listing = (result as { value: SweepListing }).value
    expect(listing.sweeps.map((s) => s.id)).toEqual(['runs'])
    // A symlinked sweep folder is not a folder of ours: not listed at all.
    expect(listing.unreadable).toEqual([
      { id: 'fifo-manifest', error: expect.stringMatching(/fifo-manifest\/sweep\.json must be a regular file, but is a special file/) },
      { id: 'linked-manifest', error: expect.stringMatching(/linked-manifest\/sweep\.json must be a regular file, but is a symlink/) }
    ])
    for (const id of ['fifo-manifest', 'linked-manifest', 'linked-sweep']) {
      expect(await call('sweeps:get', { sweepId: id }), id).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
  })

  it('sweeps:get answers within the bound; runs with FIFOs or links read as no result', async () => {
    const result = await call('sweeps:get', { sweepId: 'runs' })
    expect(result, 'sweeps:get hung on a FIFO').not.toBe('timeout')
    expect(result).toMatchObject({ ok: true })
    const detail = (result as { value: SweepDetail }).value
    expect(detail.results.map((r) => r !== null)).toEqual([true, false, false, false, false])
    expect(detail.curves.map((c) => c !== null)).toEqual([true, false, false, false, false])
  })

  it('sweeps:open-run refuses a run folder that is a symlink; the session outside is never listed', async () => {
    const result = await call('sweeps:open-run', { sweepId: 'runs', runIndex: 4 })
    expect(result).toMatchObject({ ok: false, error: { code: 'session-corrupt', message: expect.stringContaining('is a symlink') } })
    expect(await call('sweeps:open-run', { sweepId: 'runs', runIndex: 1 })).toMatchObject({ ok: false })
    expect(await call('sweeps:open-run', { sweepId: 'runs', runIndex: 0 })).toMatchObject({ ok: true, value: { name: 'healthy run' } })
    const list = (await call('sessions:list', undefined)) as { value: SessionSummary[] }
    expect(list.value.map((s) => s.name)).toEqual(['healthy run'])
  })
})
