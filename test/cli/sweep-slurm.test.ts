// `npm run sweep --executor slurm` against a real single-node Slurm (npm run slurm:dev -- start):
// a 4-run Quick MNIST job array with one run cancelled mid-training and resumed from its
// checkpoint by --resume; a task that fails, submitted and followed through ssh to a local
// sshd with a key the test generates.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { readSweepManifest, runLogPath } from '../../src/node/sweep/sweep-folder'
import { startSshd, type LocalSshd } from './local-sshd'
import { describeSlurm } from './slurm-gate'
import { runSweep, startSweep, TINY_CONFIG, writeSpec } from './sweep-process'

// Metrics reach the folder within a second and the cancel costs an npm start: the run must
// outlast both by far on a fast machine (80 steps finished first on CI; ~27 ms a step here).
const STEPS = 600

describeSlurm('npm run sweep, Slurm executor', () => {
  let sshd: LocalSshd
  beforeAll(async () => {
    sshd = await startSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
  })

  it('runs a 4-run job array; a cancelled run is resubmitted by --resume and continues from its checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-slurm-'))
    const out = join(dir, 'sweep')
    const spec = await writeSpec(dir, { name: 'tau', preset: 'quick-mnist', config: { ...TINY_CONFIG, steps: STEPS }, grid: { 'algorithm.threshold': [0.9, 0.95], seed: [1, 2] } })
    const victim = 'threshold-0.9_seed-2'
    const sweep = startSweep(['--spec', spec, '--executor', 'slurm', '--cpus-per-task', '1', '--poll', '0.5', '--out', out])
    await sweep.waitFor((o) => o.includes(`${victim}: running - RUNNING`))
    for (;;) {
      const steps = await readSessionFolder(join(out, victim)).then((s) => s.metrics.length, () => 0)
      if (steps >= 2) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const cancel = await runSweep(['--cancel', out, '--run', victim])
    expect(cancel.status, cancel.output).toBe(0)
    expect(cancel.output).toMatch(new RegExp(`^Cancelled ${victim} \\(\\d+_1\\)$`, 'm'))
    const first = await sweep.done
    expect(first.status, first.output).toBe(1)
    // Slurm reads 0:15 when SIGTERM killed the task, 143:0 when the runner caught it and exited 128 + 15.
    expect(first.output).toMatch(new RegExp(`${victim}: cancelled - CANCELLED \\(exit (0, signal 15|143)\\)`))
    let manifest = await readSweepManifest(out)
    const [arrayJob] = manifest.arrayJobIds
    expect(manifest.runs.map((r) => [r.name, r.state, r.schedulerState, r.jobId, r.exitCode, r.signal])).toEqual([
      ['threshold-0.9_seed-1', 'finished', 'COMPLETED', `${arrayJob}_0`, 0, null],
      [victim, 'cancelled', 'CANCELLED', `${arrayJob}_1`, manifest.runs[1].exitCode === 0 ? 0 : 143, manifest.runs[1].exitCode === 0 ? 15 : null],
      ['threshold-0.95_seed-1', 'finished', 'COMPLETED', `${arrayJob}_2`, 0, null],
      ['threshold-0.95_seed-2', 'finished', 'COMPLETED', `${arrayJob}_3`, 0, null]
    ])
    // scancel's SIGTERM checkpointed the run after its step.
    const cancelled = await readSessionFolder(join(out, victim))
    expect(cancelled.manifest.status, `the cancel landed after ${cancelled.metrics.length} of ${STEPS} steps`).toBe('stopped')
    const k = cancelled.manifest.checkpointStep as number
    expect(k).toBeGreaterThanOrEqual(2)
    expect(k).toBeLessThan(STEPS)

    const resumed = await runSweep(['--resume', out, '--poll', '0.5'])
    expect(resumed.status, resumed.output).toBe(0)
    expect(resumed.output).toMatch(/Submitted job array \d+ \(1 task\) on this host/)
    manifest = await readSweepManifest(out)
    const second = manifest.arrayJobIds[1]
    expect(manifest.runs[1]).toMatchObject({ state: 'finished', schedulerState: 'COMPLETED', jobIds: [`${arrayJob}_1`, `${second}_1`], attempts: 2 })
    expect(await readFile(runLogPath(out, manifest.runs[1]), 'utf8')).toContain(`resuming from its checkpoint at step ${k}`)
    const session = await readSessionFolder(join(out, victim))
    expect(session.manifest.segments.map((s) => [s.status, s.startStep])).toEqual([['stopped', 0], ['finished', k]])
    expect(session.metrics.map((m) => m.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1))
    // Every run's folder is a finished session the app opens.
    for (const run of manifest.runs) {
      const s = await readSessionFolder(join(out, run.name))
      expect([s.manifest.status, s.metrics.length, s.evals.at(-1)?.step]).toEqual(['finished', STEPS, STEPS])
    }
    expect(resumed.output).toMatch(/^threshold=0\.9\s+2\s+[\d.]+ ± [\d.]+%/m)
  }, 300_000)

  it('through ssh: a task whose runner fails at start reads FAILED with its exit code; a bad ssh target is a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-ssh-'))
    const out = join(dir, 'sweep')
    const spec = await writeSpec(dir, { name: 'broken', config: { ...TINY_CONFIG, steps: 2, dataset: { id: 'cifar10', dataDir: join(dir, 'no-such-cifar') } }, grid: { seed: [1] } })
    const ssh = ['--ssh', sshd.target, ...sshd.sshArgs.map((a) => `--ssh-arg=${a}`)]
    const r = await runSweep(['--spec', spec, '--executor', 'slurm', '--poll', '0.5', '--out', out, ...ssh])
    expect(r.status, r.output).toBe(1)
    expect(r.output).toContain(`on Slurm via ssh ${sshd.target}`)
    expect(r.output).toMatch(new RegExp(`Submitted job array \\d+ \\(1 task\\) on ${sshd.target.replace('.', '\\.')}`))
    expect(r.output).toContain('seed-1: failed - FAILED (exit 1)')
    const manifest = await readSweepManifest(out)
    expect(manifest.executor).toMatchObject({ kind: 'slurm', ssh: sshd.target })
    expect(manifest.runs[0]).toMatchObject({ state: 'failed', schedulerState: 'FAILED', exitCode: 1, signal: null })
    expect(await readFile(runLogPath(out, manifest.runs[0]), 'utf8')).toMatch(/no-such-cifar/)

    const refused = await runSweep(['--spec', spec, '--executor', 'slurm', '--out', join(dir, 'other'), '--ssh', sshd.target, '--ssh-arg=-p1', '--ssh-arg=-oConnectTimeout=5'])
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/^sweep: ssh .*127\.0\.0\.1 failed: .*(refused|Connection).* \(key auth with BatchMode=yes/m)
  }, 120_000)
})
