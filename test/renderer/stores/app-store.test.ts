// App-wide state and the run actions components call instead of the API.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunInfo } from '../../../src/shared/runs'
import { AppError } from '../../../src/shared/errors'
import { calls, emit, handlers, reset } from '../fake-api'
import { appState, continueRun, controlRun, refreshApp, startRun, startAppStore } from '../../../src/renderer/src/stores/app-store'
import { stopStores } from '../../../src/renderer/src/stores/lifecycle'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const run = (runId: string, state: RunInfo['state'], sessionId = `s-${runId}`): RunInfo => ({ runId, sessionId, state, name: runId }) as unknown as RunInfo
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  stopStores()
  reset()
  appState.runs = []
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
