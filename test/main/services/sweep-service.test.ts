// The app's sweep service with the real services: refusals before anything is made, and a
// Slurm sweep (options from the settings) submitted, followed to its end through get() and
// its run opened as a session. The local path runs in test/e2e/sweeps.e2e.ts.
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { presetConfig } from '../../../src/shared/config/presets'
import { AppError } from '../../../src/shared/errors'
import { createServices } from '../../../src/main/services/services'
import { NodeChildSpawner } from '../../../src/main/services/node-child-spawner'
import { describeSlurm } from '../../cli/slurm-gate'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { createSweepFolder, readSweepManifest, writeSweepManifest } from '../../../src/node/sweep/sweep-folder'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

async function services() {
  const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-service-'))
  const events: string[] = []
  const s = createServices({
    userDataDir: join(dir, 'user'),
    sessionsDir: join(dir, 'sessions'),
    spawner: new NodeChildSpawner(),
    events: (event) => void events.push(event),
    shell: { pickOpenPath: async () => null, pickSavePath: async () => null, trash: async () => undefined },
    imageBaseUrl: 'pseudoscope://',
    app: { name: 'pseudoscope', version: 'test' },
    projectDir: ROOT
  })
  return { s, dir, events }
}

const tiny = { ...presetConfig('quick-mnist'), steps: 3, evalInterval: 3, sweepInterval: 0, checkpointInterval: 0, backend: 'wasm' as const, batch: { labeled: 4, mu: 1 }, split: { ...presetConfig('quick-mnist').split, labelsPerClass: 2 } }

describe('SweepService', () => {
  it('refuses a grid value, a renderer-named data folder, and an unknown sweep; nothing is made', async () => {
    const { s } = await services()
    await expect(s.sweeps.submit({ name: 'x', config: tiny, grid: { 'algorithm.threshold': [2] }, executor: 'local' })).rejects.toThrow(/grid 'algorithm.threshold' value 2 is refused/)
    await expect(s.sweeps.submit({ name: 'x', config: { ...tiny, dataset: { id: 'mnist', dataDir: '/etc' } }, grid: { seed: [1] }, executor: 'local' })).rejects.toThrow(/dataDir is set by the app/)
    await expect(s.sweeps.get('../../etc')).rejects.toMatchObject({ code: 'not-found' } satisfies Partial<AppError>)
    expect(await s.sweeps.list()).toEqual({ sweeps: [], unreadable: [] })
    expect(await readdir(s.sweeps.sweepsDir()).catch(() => [])).toEqual([])
  })
})

describe('SweepService, a local sweep left by a process that quit', () => {
  it('reads its runs that were live as stopped, so Resubmit can start them again', async () => {
    const { s } = await services()
    const spec = parseSweepSpec({ name: 'left', config: tiny, grid: { seed: [1, 2] } })
    const dir = join(s.sweeps.sweepsDir(), 'left-1')
    const m = await createSweepFolder(dir, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
    await writeSweepManifest(dir, { ...m, runs: [{ ...m.runs[0], state: 'running', attempts: 1 }, m.runs[1]] })
    const detail = await s.sweeps.get('left-1')
    expect(detail.manifest.runs.map((r) => r.state)).toEqual(['stopped', 'pending'])
    expect((await readSweepManifest(dir)).runs[0].state).toBe('stopped')
    expect(detail.followedBy).toBeNull()
  })
})

describeSlurm('SweepService on Slurm', () => {
  it('submits a job array with the settings options, follows it to the end and opens its run', async () => {
    const { s, events } = await services()
    s.settings.set({ sweepSlurm: { partition: null, time: '10:00', cpusPerTask: 2, gres: null, account: null, extraArgs: [], remoteProjectDir: null, ssh: null, sshArgs: [] } })
    const summary = await s.sweeps.submit({ name: 'svc', config: tiny, grid: { seed: [7] }, executor: 'slurm' })
    expect(summary).toMatchObject({ name: 'svc', executor: 'slurm', runs: 1, states: { queued: 1 } })
    expect(events).toContain('sweeps:changed')
    let detail = await s.sweeps.get(summary.id)
    expect(detail.manifest.executor).toMatchObject({ kind: 'slurm', time: '10:00', cpusPerTask: 2 })
    expect(detail.manifest.runs[0].jobId).toMatch(/^\d+_0$/)
    const until = Date.now() + 150_000
    while (detail.manifest.runs[0].state !== 'finished' && Date.now() < until) {
      expect(['queued', 'running']).toContain(detail.manifest.runs[0].state)
      await new Promise((resolve) => setTimeout(resolve, 1000))
      detail = await s.sweeps.get(summary.id)
    }
    expect(detail.manifest.runs[0]).toMatchObject({ state: 'finished', schedulerState: 'COMPLETED', exitCode: 0 })
    expect(detail.results[0]).toMatchObject({ step: 3, totalSteps: 3 })
    expect(detail.curves[0]?.plAccAll).toHaveLength(3)
    const session = await s.sweeps.openRun(summary.id, 0)
    expect(session).toMatchObject({ status: 'finished', lastStep: 3 })
    expect((await s.sessions.list()).map((x) => x.id)).toContain(session.id)
  }, 180_000)
})
