// The saved-session list: when it refreshes, and what a failed refresh keeps.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunInfo } from '../../../src/shared/runs'
import { AppError } from '../../../src/shared/errors'
import { calls, emit, handlers, reset } from '../fake-api'
import { stopStores } from '../../../src/renderer/src/stores/lifecycle'
import { refreshSessions, sessionsList, startSessionsList } from '../../../src/renderer/src/stores/sessions-list'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const run = (runId: string, state: RunInfo['state'], sessionId = `s-${runId}`): RunInfo => ({ runId, sessionId, state, name: runId }) as unknown as RunInfo
const session = (id: string, name = id) => ({ id, name, path: `/s/${id}`, datasetId: 'mnist', algorithm: 'fixmatch', status: 'finished', createdAt: 0, updatedAt: 0, lastStep: 1, totalSteps: 1, bestTestAcc: null, checkpointStep: 1 })
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  stopStores()
  reset()
  sessionsList.items = []
  sessionsList.loaded = false
})

describe('sessions list', () => {
  it('refreshes when a run ends or a new session appears, not on every progress event', async () => {
    handlers.set('sessions:list', () => [session('s-r1')])
    startSessionsList()
    await settled()
    const lists = (): number => calls.filter((c) => c.channel === 'sessions:list').length
    expect(lists()).toBe(1)
    emit('runs:changed', run('r1', 'running'))
    expect(lists()).toBe(1)
    emit('runs:changed', run('r1', 'stopping'))
    expect(lists()).toBe(1)
    emit('runs:changed', run('r1', 'finished'))
    emit('runs:changed', run('r9', 'running'))
    expect(lists()).toBe(3)
    emit('sessions:changed', { sessionId: 's-r1' })
    expect(lists()).toBe(4)
  })

  it('keeps the last list when a refresh fails, with its error', async () => {
    handlers.set('sessions:list', () => [session('a')])
    await refreshSessions()
    handlers.set('sessions:list', () => {
      throw new AppError('io-error', 'EIO')
    })
    await refreshSessions()
    expect(sessionsList.items.map((s) => s.id)).toEqual(['a'])
    expect(sessionsList.error).toEqual({ code: 'io-error', message: 'EIO' })
  })
})
