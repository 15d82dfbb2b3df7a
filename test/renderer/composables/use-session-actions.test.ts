// What the Sessions view's actions say and do.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunInfo } from '../../../src/shared/runs'
import { AppError } from '../../../src/shared/errors'
import { handlers, reset } from '../fake-api'
import { useSessionActions } from '../../../src/renderer/src/composables/use-session-actions'
import { applyLocale } from '../../../src/renderer/src/i18n'
import { currentSessionId, currentView } from '../../../src/renderer/src/stores/navigation'
import { sessionsList } from '../../../src/renderer/src/stores/sessions-list'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const run = (runId: string, state: RunInfo['state'], sessionId = `s-${runId}`): RunInfo => ({ runId, sessionId, state, name: runId }) as unknown as RunInfo
const session = (id: string, name = id) => ({ id, name, path: `/s/${id}`, datasetId: 'mnist', algorithm: 'fixmatch', status: 'finished', createdAt: 0, updatedAt: 0, lastStep: 1, totalSteps: 1, bestTestAcc: null, checkpointStep: 1 })

afterEach(() => {
  reset()
  sessionsList.items = []
  applyLocale('en')
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
