// What the renderer may not set directly (dataset.dataDir), it may not set through a grid or a
// sweep config either: main checks each run's built config and refuses before any folder is
// made. And a data folder named in a sweep.json never reaches a worker.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../src/shared/contract'
import { presetConfig } from '../../../src/shared/config/presets'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { createSweepFolder, runSessionDir } from '../../../src/node/sweep/sweep-folder'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { tempServices, type TempServices } from '../helpers/temp-services'

const tiny = { ...presetConfig('quick-mnist'), steps: 3, evalInterval: 3, sweepInterval: 0, backend: 'wasm' as const, batch: { labeled: 4, mu: 1 } }
const refused = { ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('dataset.dataDir is set by the app'), details: { field: 'dataset.dataDir' } } }

describe('main-owned config fields', () => {
  let temp: TempServices
  let table: HandlerTable
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown>> => dispatch(table, channel, payload)
  const listing = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : [])

  beforeAll(() => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
  })
  afterAll(() => temp.dispose())

  it('sweeps:submit refuses a data folder named through the grid or the config, and makes no folder', async () => {
    const sweepsDir = temp.services.sweeps.sweepsDir()
    for (const [config, grid] of [
      [tiny, { 'dataset.dataDir': ['/root/.ssh', '/etc'] }],
      [tiny, { dataset: [{ id: 'mnist', dataDir: '/root/.ssh' }] }],
      [tiny, { seed: [1, 2], 'dataset.dataDir': ['/root/.ssh'] }],
      [{ ...tiny, dataset: { id: 'mnist', dataDir: '/root/.ssh' } }, { seed: [1] }]
    ] as const) {
      const result = await call('sweeps:submit', { name: 'probe', config, grid, executor: 'local' })
      expect(result, JSON.stringify(grid)).toMatchObject(refused)
    }
    expect(listing(sweepsDir)).toEqual([])
    expect(await call('sweeps:list', undefined)).toEqual({ ok: true, value: { sweeps: [], unreadable: [] } })
  })

  it('runs:start refuses a data folder in its config and makes no session', async () => {
    const before = listing(temp.services.sessionsDir())
    expect(await call('runs:start', { config: { ...tiny, dataset: { id: 'mnist', dataDir: '/root/.ssh' } } })).toMatchObject(refused)
    expect(await call('runs:start', { config: { ...tiny, dataset: { id: 'cifar10', dataDir: '/etc' } } })).toMatchObject(refused)
    expect(listing(temp.services.sessionsDir())).toEqual(before)
    expect(await call('runs:list', undefined)).toEqual({ ok: true, value: [] })
  })

  it('a sweep.json whose run config names a data folder starts that run without it', async () => {
    // A sweep made elsewhere (a colleague's, or a hand edit) and found in the sweeps folder.
    const spec = parseSweepSpec({ name: 'shared', config: { ...tiny, dataset: { id: 'mnist', dataDir: '/root/.ssh' } }, grid: { seed: [1] } })
    const dir = join(temp.services.sweeps.sweepsDir(), 'shared-1')
    const manifest = await createSweepFolder(dir, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
    expect(manifest.runs[0].config.dataset.dataDir).toBe('/root/.ssh')
    expect(await call('sweeps:resubmit', { sweepId: 'shared-1' })).toMatchObject({ ok: true })
    const session = JSON.parse(readFileSync(join(runSessionDir(dir, manifest.runs[0]), 'session.json'), 'utf8'))
    expect(session.config.dataset).toEqual({ id: 'mnist' })
    expect(await call('sweeps:cancel', { sweepId: 'shared-1', runIndex: null })).toMatchObject({ ok: true })
    // The stopped run writes its state into sweep.json as it settles: let that land before the folder goes.
    for (let i = 0; i < 100; i++) {
      const detail = (await call('sweeps:get', { sweepId: 'shared-1' })) as IpcResult<{ manifest: { runs: { state: string }[] }; followedBy: string | null }>
      if (detail.ok && detail.value.manifest.runs.every((r) => !['pending', 'queued', 'running'].includes(r.state))) break
      await new Promise((done) => setTimeout(done, 100))
    }
    await new Promise((done) => setTimeout(done, 300))
  })
})
