// Bad requests reach the run manager and session store only through dispatch, which checks
// every payload against the contract: each is refused with a coded error, and nothing starts.
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, tinyConfig, type Harness } from './runs-helpers'

let h: Harness

beforeAll(() => {
  h = createHarness()
})
afterAll(async () => {
  await h.services.shutdown(1000)
  rmSync(h.root, { recursive: true, force: true })
})

describe('invalid run and session requests', () => {
  it.each([
    ['runs:pause', { runId: 5 }],
    ['runs:pause', {}],
    ['runs:stop', { runId: 'x', extra: true }],
    ['runs:start', 'not an object'],
    ['runs:continue', { sessionId: 'x', extraSteps: 0 }],
    ['runs:continue', { sessionId: 'x', extraSteps: 2.5 }],
    ['sessions:open', { sessionId: '' }],
    ['sessions:rename', { sessionId: 'x', name: '   ' }],
    ['sessions:samples', { sessionId: 'x', step: -1 }],
    ['sessions:save-ui', { sessionId: 'x', ui: { chart: { smoothing: 5 } } }],
    ['sessions:export-csv', { sessionId: 'x', path: '/tmp/anywhere.csv' }]
  ])('%s refuses %j as invalid-payload', async (channel, payload) => {
    const result = await h.raw(channel, payload)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-payload')
      expect(result.error.message.startsWith(`${channel}:`)).toBe(true)
    }
  })

  it('refuses an invalid experiment config with every bad field named, creating no session and no worker', async () => {
    const config = { ...tinyConfig('Bad', 5), steps: -3, batch: { labeled: 8, mu: 0 }, surprise: 1 }
    const result = await h.raw('runs:start', { config })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-config')
    const paths = (result.error.details as { path: string }[]).map((issue) => issue.path).sort()
    expect(paths).toEqual(['', 'batch.mu', 'steps'])
    expect(result.error.message).toMatch(/surprise/)
    expect(h.workers).toHaveLength(0)
    expect(readdirSync(h.root)).not.toContain('sessions')
  })

  it('answers unknown runs and sessions with not-found, and never resolves a path from an id', async () => {
    await h.call('sessions:list', undefined)
    for (const sessionId of ['../settings.json', '..', join(h.root, 'sessions'), 'nope']) {
      const result = await h.raw('sessions:open', { sessionId })
      expect(result.ok ? 'ok' : result.error.code).toBe('not-found')
    }
    const pause = await h.raw('runs:pause', { runId: 'run-none' })
    expect(pause.ok ? 'ok' : pause.error.code).toBe('not-found')
    const resume = await h.raw('runs:continue', { sessionId: '../../etc' })
    expect(resume.ok ? 'ok' : resume.error.code).toBe('not-found')
    expect(h.workers).toHaveLength(0)
  })
})
