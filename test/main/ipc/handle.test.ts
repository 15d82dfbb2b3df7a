import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNEL_NAMES, type IpcResult } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import { createHandlerTable } from '../../../src/main/handlers'
import { bindHandlers, dispatch, type InvokeEventLike, type SenderFrame } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { tempServices, type TempServices } from '../helpers/temp-services'

type Listener = (event: InvokeEventLike, payload?: unknown) => Promise<unknown>

describe('dispatch', () => {
  let temp: TempServices
  let table: HandlerTable

  beforeAll(() => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
  })
  afterAll(() => temp.dispose())

  it('answers {ok, value} from the real handler', async () => {
    const result = await dispatch(table, 'experiments:presets', undefined)
    expect(result.ok).toBe(true)
    const ids = result.ok ? (result.value as { id: string }[]).map((p) => p.id) : []
    expect(ids).toContain('quick-mnist')
  })

  it('validates, then applies: settings:set persists through the service', async () => {
    const result = await dispatch(table, 'settings:set', { theme: 'dark' })
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark' } })
    expect(temp.services.settings.get().theme).toBe('dark')
  })

  it('refuses an invalid payload, naming the field, without calling the handler', async () => {
    const before = temp.services.settings.get()
    const result = await dispatch(table, 'settings:set', { theme: 'purple', maxConcurrentRuns: 2 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-payload')
    expect(result.error.message).toMatch(/^settings:set: theme: /)
    expect(result.error.details).toEqual([expect.objectContaining({ path: 'theme' })])
    expect(temp.services.settings.get()).toEqual(before)
  })

  it('refuses unknown keys, missing payloads and wrong types', async () => {
    const extra = await dispatch(table, 'runs:pause', { runId: 'r1', force: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    const missing = await dispatch(table, 'datasets:get', undefined)
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/\(payload\)/) } })
    const wrong = await dispatch(table, 'datasets:samples', { id: 'mnist', split: 'train', offset: -1, limit: 10 })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/offset/) } })
    const payloadForNone = await dispatch(table, 'app:info', { x: 1 })
    expect(payloadForNone).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
  })

  it('answers not-found for a channel outside the contract', async () => {
    expect(await dispatch(table, 'app:shell-exec', undefined)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(table, 'constructor', undefined)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it("passes a service's AppError through with its code", async () => {
    const result = await dispatch(table, 'sessions:open', { sessionId: 'no-such-session' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it("turns any other error into 'internal' with its message", async () => {
    const failing: HandlerTable = {
      ...table,
      'app:info': async () => {
        throw new TypeError('boom')
      },
      'app:backends': async () => {
        throw new AppError('backend-unavailable', 'no backend')
      }
    }
    expect(await dispatch(failing, 'app:info', undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } })
    expect(await dispatch(failing, 'app:backends', undefined)).toEqual({
      ok: false,
      error: { code: 'backend-unavailable', message: 'no backend' }
    })
  })
})

describe('bindHandlers', () => {
  let temp: TempServices
  const bound = new Map<string, Listener>()
  const ownFrame: SenderFrame = { url: 'file:///app/index.html', processId: 4, routingId: 1 }

  beforeAll(() => {
    temp = tempServices()
    const ipcMain = { handle: (channel: string, listener: Listener) => void bound.set(channel, listener) }
    bindHandlers(ipcMain, createHandlerTable(temp.services), (frame) => frame.processId === 4 && frame.routingId === 1)
  })
  afterAll(() => temp.dispose())

  it('binds every contract channel exactly once', () => {
    expect([...bound.keys()].sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort())
  })

  it('serves the trusted frame', async () => {
    const result = (await bound.get('settings:get')?.({ senderFrame: ownFrame })) as IpcResult<unknown>
    expect(result).toMatchObject({ ok: true, value: { theme: 'system' } })
  })

  it('refuses other frames and destroyed frames before validating or calling', async () => {
    const foreign = { url: 'https://evil.example/', processId: 9, routingId: 1 }
    const refused = (await bound.get('settings:set')?.({ senderFrame: foreign }, { theme: 'dark' })) as IpcResult<unknown>
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender', message: expect.stringMatching(/evil\.example/) } })
    expect(temp.services.settings.get().theme).toBe('system')
    const gone = (await bound.get('app:info')?.({ senderFrame: null })) as IpcResult<unknown>
    expect(gone).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
  })
})
