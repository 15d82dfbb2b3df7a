// The preload over a stand-in contextBridge/ipcRenderer: what it exposes, what it lets through.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNEL_NAMES, apiPathOf, type PseudoscopeBridge } from '../../src/shared/contract'

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; payload: unknown }[],
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>()
}))

vi.mock('electron', () => {
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        fake.invoked.push({ channel, payload })
        return { ok: true, value: channel }
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        const set = fake.listeners.get(channel) ?? new Set()
        fake.listeners.set(channel, set)
        set.add(listener)
      },
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        fake.listeners.get(channel)?.delete(listener)
      }
    }
  }
  return { ...module, default: module }
})

describe('preload', () => {
  let bridge: PseudoscopeBridge

  beforeAll(async () => {
    await import('../../src/preload/index')
    bridge = fake.exposed.get('pseudoscope') as PseudoscopeBridge
  })

  it('exposes exactly one object, with a method per contract channel and on()', () => {
    expect([...fake.exposed.keys()]).toEqual(['pseudoscope'])
    for (const channel of INVOKE_CHANNEL_NAMES) {
      const [domain, method] = apiPathOf(channel)
      expect(typeof (bridge as unknown as Record<string, Record<string, unknown>>)[domain][method], channel).toBe('function')
    }
    expect(Object.keys(bridge).sort()).toEqual(['app', 'datasets', 'experiments', 'on', 'runs', 'sessions', 'settings', 'sweeps'])
    expect(JSON.stringify(bridge)).not.toMatch(/ipcRenderer|invoke/)
  })

  it('invokes the matching channel with the payload and returns the outcome as is', async () => {
    expect(await bridge.runs.sweepNow({ runId: 'r1' })).toEqual({ ok: true, value: 'runs:sweep-now' })
    expect(await bridge.app.info()).toEqual({ ok: true, value: 'app:info' })
    expect(fake.invoked).toEqual([
      { channel: 'runs:sweep-now', payload: { runId: 'r1' } },
      { channel: 'app:info', payload: undefined }
    ])
  })

  it('passes listeners the payload only, and unsubscribes', () => {
    const received: unknown[] = []
    const off = bridge.on('runs:log', (payload) => received.push(payload))
    const event = { sender: 'ipcRenderer', ports: [] }
    for (const listener of fake.listeners.get('runs:log') ?? []) listener(event, { runId: 'r1', level: 'info', message: 'hi', time: 1 })
    expect(received).toEqual([{ runId: 'r1', level: 'info', message: 'hi', time: 1 }])
    off()
    expect(fake.listeners.get('runs:log')?.size).toBe(0)
  })

  it('refuses events outside the contract', () => {
    const on = bridge.on as (event: string, listener: () => void) => unknown
    expect(() => on('electron-store-get-data', () => undefined)).toThrow(/unknown event/)
    expect(fake.listeners.has('electron-store-get-data')).toBe(false)
  })
})
