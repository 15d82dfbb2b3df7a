// The handler table over the real services, through dispatch (as the renderer reaches it).
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetConfig } from '../../../src/shared/config/presets'
import type { AppInfo, IpcResult } from '../../../src/shared/contract'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { tempServices, type TempServices } from '../helpers/temp-services'

async function value<T>(result: Promise<IpcResult<unknown>>): Promise<T> {
  const outcome = await result
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
  return outcome.value as T
}

describe('handler table', () => {
  let answer: string | null = null
  let temp: TempServices
  let table: HandlerTable

  beforeAll(() => {
    temp = tempServices(() => answer)
    table = createHandlerTable(temp.services)
  })
  afterAll(() => temp.dispose())

  it('app:info reports versions, the image base and the sessions folder the settings choose', async () => {
    const info = await value<AppInfo>(dispatch(table, 'app:info', undefined))
    expect(info).toMatchObject({ name: 'pseudoscope', imageBaseUrl: 'pseudoscope://', platform: process.platform })
    expect(info.versions['node']).toBe(process.versions.node)
    expect(info.sessionsDir).toBe(join(temp.dir, 'user-data', 'sessions'))
    answer = temp.dir
    await value(dispatch(table, 'settings:choose-sessions-dir', undefined))
    expect((await value<AppInfo>(dispatch(table, 'app:info', undefined))).sessionsDir).toBe(temp.dir)
    answer = null
  })

  it('app:backends answers the real probe, best first, and probes once', async () => {
    const first = await value<{ name: string; available: boolean }[]>(dispatch(table, 'app:backends', undefined))
    expect(first.map((probe) => probe.name)).toEqual(['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'wasm', 'cpu'])
    expect(first.find((probe) => probe.name === 'wasm')?.available).toBe(true)
    const second = await value(dispatch(table, 'app:backends', undefined))
    expect(second).toBe(first)
  })

  it('experiments:validate accepts a preset and explains a broken config', async () => {
    const good = await value<{ ok: boolean }>(dispatch(table, 'experiments:validate', { config: presetConfig('quick-mnist') }))
    expect(good.ok).toBe(true)
    const config = presetConfig('quick-mnist')
    const bad = await value<{ ok: boolean; issues: { path: string; message: string }[] }>(
      dispatch(table, 'experiments:validate', { config: { ...config, algorithm: { ...config.algorithm, threshold: 3 } } })
    )
    expect(bad).toEqual({ ok: false, issues: [{ path: 'algorithm.threshold', message: expect.stringMatching(/threshold/) }] })
  })

  it('datasets:list has the embedded MNIST ready and CIFAR waiting for an import', async () => {
    const list = await value<{ id: string; available: boolean; trainSize: number }[]>(dispatch(table, 'datasets:list', undefined))
    expect(list.find((d) => d.id === 'mnist')).toMatchObject({ available: true })
    expect(list.find((d) => d.id === 'cifar10')).toMatchObject({ available: false })
  })

  it('datasets:import asks the shell for the path, and a cancel answers null', async () => {
    expect(await value(dispatch(table, 'datasets:import', { id: 'cifar10' }))).toBeNull()
    expect(temp.picks.at(-1)).toEqual(expect.objectContaining({ title: expect.stringMatching(/CIFAR-10/) }))
  })

  it('datasets:import of a folder without CIFAR files is a clear error, not a crash', async () => {
    answer = temp.dir
    const result = await dispatch(table, 'datasets:import', { id: 'cifar100' })
    answer = null
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).not.toBe('internal')
      expect(result.error.message).toContain(temp.dir)
    }
  })
})
