// `npm run sweep` on this machine: a bad spec is refused before anything runs; two runs at
// once (--parallel 2) are interrupted with ^C to the terminal's group, each checkpoints, and
// --resume finishes both from their checkpoints; resuming a finished sweep runs nothing.
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { readSweepManifest } from '../../src/node/sweep/sweep-folder'
import { runSweep, startSweep, TINY_CONFIG, writeSpec } from './sweep-process'

describe('npm run sweep, local executor', () => {
  it('refuses a grid key that is no config field and a value the schema refuses, creating nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-bad-'))
    const badKey = await writeSpec(dir, { name: 'bad-key', grid: { 'algorithm.tau': [0.9] } })
    const r1 = await runSweep(['--spec', badKey, '--out', join(dir, 'out')])
    expect(r1.status, r1.output).toBe(2)
    expect(r1.output).toMatch(/^sweep: grid key 'algorithm.tau' is not a config field/m)
    const badValue = await writeSpec(dir, { name: 'bad-value', grid: { 'algorithm.threshold': [0.9, 0] } })
    const r2 = await runSweep(['--spec', badValue, '--out', join(dir, 'out')])
    expect(r2.status).toBe(2)
    expect(r2.output).toMatch(/^sweep: grid 'algorithm.threshold' value 0 is refused: algorithm.threshold: threshold must be in \(0, 1\]$/m)
    expect(await readdir(dir)).toEqual(['bad-key.spec.json', 'bad-value.spec.json'])
  })

  // Metrics reach the folder within a second: a run must outlast that by far on a fast machine
  // (60 steps finished before the first flush on CI; ~27 ms a step here).
  const STEPS = 400

  it('runs two at a time; ^C checkpoints both, --resume finishes them, a finished sweep is left alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-local-'))
    const out = join(dir, 'sweep')
    const spec = await writeSpec(dir, { name: 'local', preset: 'quick-mnist', config: { ...TINY_CONFIG, steps: STEPS }, grid: { seed: [1, 2] } })
    const names = ['seed-1', 'seed-2']
    const sweep = startSweep(['--spec', spec, '--out', out, '--parallel', '2'])
    // Both trained a step or two: each session has metrics.
    await sweep.waitFor(() => /seed-1: running/.test(sweep.output()) && /seed-2: running/.test(sweep.output()))
    for (;;) {
      const steps = await Promise.all(names.map((n) => readSessionFolder(join(out, n)).then((s) => s.metrics.length, () => 0)))
      if (steps.every((n) => n >= 2)) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    sweep.signalGroup('SIGINT')
    const stopped = await sweep.done
    expect(stopped.status, stopped.output).toBe(130)
    expect(stopped.output).toContain(`Continue with: npm run sweep -- --resume ${out}`)
    let manifest = await readSweepManifest(out)
    expect(manifest.runs.map((r) => [r.name, r.state, r.exitCode])).toEqual([['seed-1', 'stopped', 130], ['seed-2', 'stopped', 130]])
    const checkpoints: number[] = []
    for (const name of names) {
      const session = await readSessionFolder(join(out, name))
      expect(session.manifest.status, `^C landed after ${session.metrics.length} of ${STEPS} steps`).toBe('stopped')
      checkpoints.push(session.manifest.checkpointStep as number)
      expect(session.manifest.checkpointStep).toBeGreaterThanOrEqual(2)
    }

    const resumed = await runSweep(['--resume', out])
    expect(resumed.status, resumed.output).toBe(0)
    expect(resumed.output).toMatch(/seed-1: running - resuming from its checkpoint at step \d+/)
    manifest = await readSweepManifest(out)
    expect(manifest.runs.map((r) => [r.state, r.attempts])).toEqual([['finished', 2], ['finished', 2]])
    for (const [i, name] of names.entries()) {
      const session = await readSessionFolder(join(out, name))
      expect(session.manifest.segments.map((s) => [s.status, s.startStep])).toEqual([['stopped', 0], ['finished', checkpoints[i]]])
      expect(session.metrics.map((m) => m.step)).toEqual(Array.from({ length: STEPS }, (_, k) => k + 1))
      expect(session.evals.at(-1)?.step).toBe(STEPS)
    }
    // The closing table reads the sessions: grid point per seed, test accuracy measured.
    expect(resumed.output).toMatch(new RegExp(`^seed-1\\s+finished\\s+-\\s+0\\s+${STEPS}\\/${STEPS}\\s+[\\d.]+%\\s+[\\d.]+%\\s+[\\d.]+%$`, 'm'))

    const again = await runSweep(['--resume', out])
    expect(again.status, again.output).toBe(0)
    expect(again.output).toContain('0 to run')
    expect((await readSessionFolder(join(out, 'seed-1'))).manifest.segments).toHaveLength(2)
  }, 240_000)
})
