// The compare chart's loading. The race it once had: picking a second session while the
// first was loading dropped one of them from the chart.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { SessionData } from '../../../src/shared/sessions'
import { AppError } from '../../../src/shared/errors'
import { calls, deferred, handlers, reset } from '../fake-api'
import { useSessionCompare } from '../../../src/renderer/src/composables/use-session-compare'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const data = (id: string): SessionData => ({ summary: { id, name: `session ${id}` }, metrics: [], evals: [] }) as unknown as SessionData
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await nextTick()
}

function withSessions(gates: Record<string, ReturnType<typeof deferred<SessionData>>>): void {
  handlers.set('sessions:open', (payload) => gates[(payload as { sessionId: string }).sessionId].promise)
}

describe('useSessionCompare', () => {
  const scope = effectScope()
  afterEach(() => {
    reset()
  })

  it('keeps a session picked while another was loading, whichever lands first', async () => {
    const gates = { a: deferred<SessionData>(), b: deferred<SessionData>() }
    withSessions(gates)
    const picked = ref(['a'])
    const compare = scope.run(() => useSessionCompare(() => picked.value))!
    await flush()
    picked.value = ['a', 'b']
    await flush()
    gates.b.resolve(data('b'))
    await flush()
    gates.a.resolve(data('a'))
    await flush()
    expect(compare.sessions.value.map((s) => s.summary.id)).toEqual(['a', 'b'])
  })

  it('opens each session once, even when unpicked and picked again while loading', async () => {
    const gates = { a: deferred<SessionData>() }
    withSessions(gates)
    const picked = ref(['a'])
    const compare = scope.run(() => useSessionCompare(() => picked.value))!
    await flush()
    picked.value = []
    await flush()
    picked.value = ['a']
    await flush()
    gates.a.resolve(data('a'))
    await flush()
    expect(calls.filter((c) => c.channel === 'sessions:open')).toHaveLength(1)
    expect(compare.sessions.value).toHaveLength(1)
  })

  it('shows an error only while its session is picked, and retry loads it again', async () => {
    const gates = { a: deferred<SessionData>(), b: deferred<SessionData>() }
    withSessions(gates)
    const picked = ref(['a', 'b'])
    const compare = scope.run(() => useSessionCompare(() => picked.value))!
    await flush()
    gates.a.reject(new AppError('session-corrupt', 'metrics.jsonl line 3'))
    gates.b.resolve(data('b'))
    await flush()
    expect(compare.error.value).toMatchObject({ code: 'session-corrupt' })
    expect(compare.sessions.value.map((s) => s.summary.id)).toEqual(['b'])
    picked.value = ['b']
    await flush()
    expect(compare.error.value).toBeNull()
    picked.value = ['a', 'b']
    await flush()
    expect(compare.error.value).toMatchObject({ code: 'session-corrupt' })
    const again = deferred<SessionData>()
    handlers.set('sessions:open', () => again.promise)
    const retried = compare.retry()
    again.resolve(data('a'))
    await retried
    expect(compare.error.value).toBeNull()
    expect(compare.sessions.value.map((s) => s.summary.id)).toEqual(['a', 'b'])
  })
})
