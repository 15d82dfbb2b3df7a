// The app runs what the user imported: a CIFAR-10 folder imported through main's dialog is
// the one a run reads, with no data folder in the renderer's config; a renderer that names
// one is refused.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { makeCifar, writeFolder } from '../node/data/cifar-fixtures'
import { createHarness, tinyConfig, until } from './runs-helpers'

describe('a CIFAR-10 run in the app', () => {
  const h = createHarness({ pickPath: () => folder })
  const folder = writeFolder(join(h.root, 'downloads'), makeCifar('cifar10', 40, 7))
  afterAll(() => h.services.shutdown(2000))

  it('reads the imported copy, which main fills in, and refuses a renderer-named folder', async () => {
    const config = tinyConfig('cifar from import', 3, { dataset: { id: 'cifar10' } })
    const before = await h.raw('runs:start', { config })
    expect(before.ok).toBe(true)
    const missing = before.ok ? (before.value as { runId: string }) : null
    await until(() => h.services.runs.list().find((r) => r.runId === missing?.runId)?.state === 'failed', 60_000, 'failed without data')
    expect(h.services.runs.list().find((r) => r.runId === missing?.runId)?.failure?.error.message).toMatch(/CIFAR-10 is not on this machine/)

    const imported = await h.call('datasets:import', { id: 'cifar10' })
    expect(imported).toMatchObject({ id: 'cifar10', available: true })

    const named = await h.raw('runs:start', { config: { ...config, dataset: { id: 'cifar10', dataDir: '/etc' } } })
    expect(named).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/dataset\.dataDir is set by the app/) } })

    const run = await h.call('runs:start', { config })
    await until(() => h.services.runs.list().find((r) => r.runId === run.runId)?.state === 'finished', 120_000, 'finished')
    const session = await readSessionFolder(join(h.services.sessionsDir(), run.sessionId))
    expect(session.manifest.config.dataset).toEqual({ id: 'cifar10', dataDir: h.services.datasets.dataPath('cifar10') })
    expect(h.services.datasets.dataPath('cifar10')).toBe(folder)
    expect(session.metrics.map((m) => m.step)).toEqual([1, 2, 3])
    expect(session.metrics[0].classTrue).toHaveLength(10)
  }, 180_000)
})
