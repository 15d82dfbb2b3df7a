// A second instance: main quits at once, before any window, handler or protocol exists.
import { describe, expect, it, vi } from 'vitest'
import { state } from './helpers/fake-electron'

vi.mock('electron', async () => (await import('./helpers/fake-electron')).fakeElectronModule())

describe('main wiring, second instance', () => {
  it('quits without a window when another instance holds the lock', async () => {
    state.singleInstance = false
    const { started } = await import('../../src/main/index')
    expect(await started).toBeNull()
    expect(state.quitCalls).toBe(1)
    expect(state.calls).not.toContain('app.whenReady')
    expect(state.windows).toHaveLength(0)
    expect(state.handleCalls).toHaveLength(0)
  })
})
