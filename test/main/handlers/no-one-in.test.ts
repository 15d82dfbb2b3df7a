// What a compromised renderer can try through the handler table, tried: naming a sessions
// folder, a dataset or session path, and deleting or writing into folders that are not
// sessions. Each is refused and leaves the files as they were.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../src/shared/contract'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { presetConfig } from '../../../src/shared/config/presets'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { tempServices, type TempServices } from '../helpers/temp-services'

describe('a renderer cannot reach the user files', () => {
  let temp: TempServices
  let table: HandlerTable
  let answer: string | null = null
  let home: string
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown>> => dispatch(table, channel, payload)

  beforeAll(async () => {
    temp = tempServices(() => answer)
    table = createHandlerTable(temp.services)
    // A "home" with a documents folder and one real session beside it.
    home = join(temp.dir, 'home')
    mkdirSync(join(home, 'Documents'), { recursive: true })
    writeFileSync(join(home, 'Documents', 'thesis.tex'), 'precious')
    await (await SessionWriter.create(join(home, 'real-session'), { name: 'real', config: presetConfig('quick-mnist'), versions: {} })).close()
  })
  afterAll(() => temp.dispose())

  it('settings:set refuses a sessions folder; only main dialog picks one, absolute and existing', async () => {
    const before = temp.services.sessionsDir()
    expect(await call('settings:set', { sessionsDir: home })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(await call('settings:set', { sessionsDir: '' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(temp.services.sessionsDir()).toBe(before)

    answer = 'relative/folder'
    expect(await call('settings:choose-sessions-dir', undefined)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a folder|absolute/) } })
    answer = join(home, 'Documents', 'thesis.tex')
    expect(await call('settings:choose-sessions-dir', undefined)).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not a folder') } })
    answer = null
    expect(await call('settings:choose-sessions-dir', undefined)).toEqual({ ok: true, value: null })
    expect(temp.services.sessionsDir()).toBe(before)

    answer = home
    expect(await call('settings:choose-sessions-dir', undefined)).toMatchObject({ ok: true, value: { sessionsDir: home } })
    expect(temp.services.sessionsDir()).toBe(home)
    expect(await call('settings:set', { sessionsDir: null })).toMatchObject({ ok: true, value: { sessionsDir: null } })
    expect(temp.services.sessionsDir()).toBe(before)
  })

  it('delete, rename, save-ui and export act only on folders holding a valid session.json', async () => {
    answer = home
    await call('settings:choose-sessions-dir', undefined)
    answer = join(temp.dir, 'out.csv')
    for (const [channel, payload] of [
      ['sessions:delete', { sessionId: 'Documents' }],
      ['sessions:rename', { sessionId: 'Documents', name: 'x' }],
      ['sessions:save-ui', { sessionId: 'Documents', ui: { view: 'runs' } }],
      ['sessions:save-as', { sessionId: 'Documents', name: 'copy' }],
      ['sessions:export-csv', { sessionId: 'Documents' }]
    ] as const) {
      const result = await call(channel, payload)
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'session-corrupt', message: expect.stringContaining('has no session.json') } })
    }
    expect(readdirSync(join(home, 'Documents'))).toEqual(['thesis.tex'])
    expect(existsSync(join(temp.dir, 'out.csv'))).toBe(false)
    expect(readdirSync(home).sort()).toEqual(['Documents', 'real-session'])
    // The real session still works.
    expect(await call('sessions:save-ui', { sessionId: 'real-session', ui: { view: 'runs' } })).toEqual({ ok: true, value: undefined })
    await call('settings:set', { sessionsDir: null })
  })

  it('datasets:import and sessions:import take no path from the renderer', async () => {
    answer = null
    expect(await call('datasets:import', { id: 'cifar10', path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(await call('sessions:import', { path: home })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    const picks = temp.picks.length
    expect(await call('sessions:import', {})).toEqual({ ok: true, value: null })
    expect(temp.picks.length).toBe(picks + 1)
  })
})
