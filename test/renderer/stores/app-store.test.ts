// App-wide state and the run actions components call instead of the API.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunInfo } from '../../../src/shared/runs'
import { AppError } from '../../../src/shared/errors'
import { calls, emit, handlers, reset } from '../fake-api'
import { appState, continueRun, controlRun, refreshApp, startRun, startAppStore } from '../../../src/renderer/src/stores/app-store'
import { stopStores } from '../../../src/renderer/src/stores/lifecycle'
import { refreshSessions, sessionsList, startSessionsList } from '../../../src/renderer/src/stores/sessions-list'
import { useSessionActions } from '../../../src/renderer/src/composables/use-session-actions'
import { applyLocale } from '../../../src/renderer/src/i18n'
import { currentSessionId, currentView } from '../../../src/renderer/src/stores/navigation'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const run = (runId: string, state: RunInfo['state'], sessionId = `s-${runId}`): RunInfo => ({ runId, sessionId, state, name: runId }) as unknown as RunInfo
const session = (id: string, name = id) => ({ id, name, path: `/s/${id}`, datasetId: 'mnist', algorithm: 'fixmatch', status: 'finished', createdAt: 0, updatedAt: 0, lastStep: 1, totalSteps: 1, bestTestAcc: null, checkpointStep: 1 })
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  stopStores()
  reset()
  appState.runs = []
  sessionsList.items = []
  sessionsList.loaded = false
  applyLocale('en')
})

describe('app store', () => {
  it('loads info, backends, settings and runs together, or keeps the coded error', async () => {
    handlers.set('app:info', () => ({ name: 'pseudoscope' }))
    handlers.set('app:backends', () => [])
    handlers.set('settings:get', () => ({ theme: 'dark', locale: 'ko' }))
    handlers.set('runs:list', () => [run('r1', 'running')])
    await refreshApp()
    expect(appState.settings).toMatchObject({ locale: 'ko' })
    expect(appState.runs.map((r) => r.runId)).toEqual(['r1'])
    handlers.set('runs:list', () => {
      throw new AppError('internal', 'run manager down')
    })
    await refreshApp()
    expect(appState.error).toEqual({ code: 'internal', message: 'run manager down' })
    expect(appState.loading).toBe(false)
  })

  it('starts, controls and continues runs, keeping one entry per run from the answers and runs:changed', async () => {
    handlers.set('app:info', () => ({}))
    handlers.set('app:backends', () => [])
    handlers.set('settings:get', () => ({}))
    handlers.set('runs:list', () => [])
    startAppStore()
    await settled()
    handlers.set('runs:start', () => run('r1', 'queued'))
    handlers.set('runs:pause', (p) => run((p as { runId: string }).runId, 'paused'))
    handlers.set('runs:continue', (p) => run('r2', 'queued', (p as { sessionId: string }).sessionId))
    await startRun({} as never)
    emit('runs:changed', run('r1', 'running'))
    expect(appState.runs.map((r) => [r.runId, r.state])).toEqual([['r1', 'running']])
    await controlRun('r1', 'pause')
    expect(appState.runs.map((r) => [r.runId, r.state])).toEqual([['r1', 'paused']])
    await continueRun('s-r1')
    expect(appState.runs.map((r) => [r.runId, r.sessionId])).toEqual([['r1', 's-r1'], ['r2', 's-r1']])
    expect(calls.find((c) => c.channel === 'runs:continue')?.payload).toEqual({ sessionId: 's-r1' })
  })
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

describe('session actions', () => {
  it('say what they did in the current language, refresh the list, and continue into the new run', async () => {
    handlers.set('sessions:list', () => [session('a', 'renamed')])
    handlers.set('sessions:rename', (p) => session('a', (p as { name: string }).name))
    handlers.set('sessions:delete', () => undefined)
    handlers.set('runs:continue', () => run('r3', 'queued', 'a'))
    const deleted: string[] = []
    const actions = useSessionActions((id) => deleted.push(id))
    applyLocale('ko')
    await actions.rename(session('a') as never, '새 이름')
    expect(actions.message.value).toBe('이름을 새 이름(으)로 바꿨습니다')
    expect(sessionsList.items.map((s) => s.name)).toEqual(['renamed'])
    applyLocale('en')
    await actions.remove(session('a', 'old') as never)
    expect(actions.message.value).toBe('Deleted old')
    expect(deleted).toEqual(['a'])
    await actions.continueRun(session('a') as never)
    expect([currentSessionId.value, currentView.value]).toEqual(['a', 'runs'])
  })

  it('shows a refused action as its error and leaves no stale message', async () => {
    handlers.set('sessions:list', () => [])
    handlers.set('sessions:rename', () => {
      throw new AppError('already-exists', 'a session named b exists')
    })
    const actions = useSessionActions(() => undefined)
    await actions.rename(session('a') as never, 'b')
    expect(actions.error.value).toEqual({ code: 'already-exists', message: 'a session named b exists' })
    expect(actions.message.value).toBeNull()
    expect(actions.busy.value).toBe(false)
  })
})
