// Oracle ablations through `npm run experiment`'s entry point (issue 27): --ablation MODE
// runs loudly as an oracle, --ablation-study runs none, oracle-mask and oracle-correct on
// --seeds training seeds and prints the table the sessions on disk give, and --resume of a
// study cut short continues every run to the end.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { sampleStats, studentCritical } from '../../src/shared/analysis/welch-t'
import { runCli, startCli } from './cli-process'

/** `steps` steps of 4 labeled + 4 unlabeled images, an eval every `every` steps, one sweep at the end. */
async function tinyArgs(dir: string, steps: number, every: number, extra: Record<string, unknown> = {}): Promise<string[]> {
  const config = join(dir, 'tiny.json')
  await writeFile(config, JSON.stringify({ batch: { labeled: 4, mu: 1 }, algorithm: { threshold: 0.5 }, evalInterval: every, sweepInterval: 0, ...extra }))
  return ['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', config, '--steps', String(steps)]
}

const MODES = ['none', 'oracle-mask', 'oracle-correct'] as const
async function until(ready: () => Promise<boolean>): Promise<void> {
  while (!(await ready())) await new Promise((r) => setTimeout(r, 50))
}

const finalEma = async (dir: string): Promise<number> => (await readSessionFolder(dir)).evals.at(-1)!.emaTestAcc!

describe('oracle ablations from the CLI', () => {
  it('--ablation oracle-mask says oracle first, in session.json and in its name, and records what it dropped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-abl-'))
    const r = await runCli([...(await tinyArgs(dir, 3, 3)), '--ablation', 'oracle-mask', '--out', join(dir, 's')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^ORACLE ABLATION oracle-mask \(oracle\): .*trains on hidden true labels \(diagnostic experiment, not a method\)$/)
    const session = await readSessionFolder(join(dir, 's'))
    expect(session.manifest.config.ablation).toEqual({ mode: 'oracle-mask', noiseRate: 0 })
    expect(session.manifest.name).toMatch(/oracle-mask \(oracle\)/)
    expect(session.metrics.every((m) => typeof m.ablationChanged === 'number')).toBe(true)
    const noise = await runCli([...(await tinyArgs(dir, 1, 1)), '--ablation', 'noise:0.25', '--out', join(dir, 'n')])
    expect(noise.code, noise.stderr).toBe(0)
    expect((await readSessionFolder(join(dir, 'n'))).manifest.config.ablation).toEqual({ mode: 'noise', noiseRate: 0.25 })
  }, 120_000)

  it('--ablation-study runs the three modes on each seed and prints the table its sessions give', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-abl-'))
    const parent = join(dir, 'study')
    const r = await runCli([...(await tinyArgs(dir, 6, 3)), '--ablation-study', '--seeds', '2', '--seed', '4', '--out', parent])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^ORACLE ABLATION STUDY: .* training seeds 4, 5: 6 sessions under /)
    expect(r.stdout.match(/^Running "/gm)).toHaveLength(6)
    const split = (await readSessionFolder(join(parent, 'none', 'seed-4'))).manifest.config.split
    const ema = new Map<string, number[]>()
    for (const mode of MODES) {
      for (const seed of [4, 5]) {
        const session = await readSessionFolder(join(parent, mode, `seed-${seed}`))
        expect(session.manifest.status).toBe('finished')
        expect(session.manifest.config).toMatchObject({ seed, split, ablation: { mode } })
        ema.set(mode, [...(ema.get(mode) ?? []), await finalEma(join(parent, mode, `seed-${seed}`))])
      }
    }
    const row = (start: string): string[] => (r.stdout.split('\n').find((line) => line.startsWith(`| ${start}`)) ?? '').split('|').map((c) => c.trim())
    const cell = (v: number[]): string => { const s = sampleStats(v); return `${(100 * s.mean).toFixed(2)} ± ${(100 * s.std).toFixed(2)}%` }
    expect(row('none ').slice(2, 5)[2]).toBe(cell(ema.get('none')!))
    expect(row('oracle-mask (oracle)')[4]).toBe(cell(ema.get('oracle-mask')!))
    // The cost, paired by seed, with its 95% t interval over 2 seeds.
    const diffs = ema.get('oracle-mask')!.map((v, i) => v - ema.get('none')![i])
    const s = sampleStats(diffs)
    const half = (studentCritical(0.95, 1) * s.std) / Math.sqrt(2)
    const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(2)}`
    const cost = row('cost of wrong pseudo-labels')
    expect(cost.slice(2, 6)).toEqual(['6', '2', pts(s.mean), `[${pts(s.mean - half)}, ${pts(s.mean + half)}]`])
    expect(row('correcting them instead')[3]).toBe('2')
    expect(r.stdout).toMatch(/^ {2}.*(Dropping|cost).* over 2 paired seeds\).*$/m)
  }, 300_000)

  it('--resume continues every run of a study cut short: the stopped one from its checkpoint, the unstarted ones from the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-abl-'))
    const parent = join(dir, 'study')
    const run = startCli([...(await tinyArgs(dir, 60, 30)), '--ablation-study', '--seeds', '2', '--seed', '4', '--out', parent])
    await run.waitFor(/^Running "Quick MNIST · oracle-mask \(oracle\) · seed 4"/m)
    run.child.kill('SIGINT')
    const cut = await run.done
    expect(cut.code).toBe(130)
    expect(cut.stdout).toContain(`Resume the study with: npm run experiment -- --ablation-study --resume ${parent}`)
    expect((await readSessionFolder(join(parent, 'oracle-mask', 'seed-4'))).manifest.status).toBe('stopped')
    await expect(readSessionFolder(join(parent, 'oracle-correct', 'seed-4'))).rejects.toThrow()
    const plan = JSON.parse(await readFile(join(parent, 'ablation-study.json'), 'utf8')) as { seeds: number[]; modes: string[] }
    expect(plan).toMatchObject({ kind: 'ablation-study', seeds: [4, 5], modes: [...MODES] })

    const resumed = await runCli(['--ablation-study', '--resume', parent])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toContain('none/seed-4: finished (60 steps)')
    expect(resumed.stdout.match(/^Resuming "/gm)).toHaveLength(1)
    expect(resumed.stdout.match(/^Running "/gm)).toHaveLength(4)
    for (const mode of MODES) {
      for (const seed of [4, 5]) {
        const session = await readSessionFolder(join(parent, mode, `seed-${seed}`))
        expect([mode, seed, session.manifest.status, session.metrics.length]).toEqual([mode, seed, 'finished', 60])
      }
    }
    expect((await readSessionFolder(join(parent, 'oracle-mask', 'seed-4'))).manifest.segments).toHaveLength(2)
    expect(resumed.stdout).toMatch(/^\| cost of wrong pseudo-labels \(oracle-mask − none\) \| 60 +\| 2 /m)
    // A finished study resumes to the same table, running nothing.
    const again = await runCli(['--ablation-study', '--resume', parent])
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/^(Running|Resuming) "/m)
  }, 300_000)

  it('--resume starts again a run killed before its first checkpoint, keeping its folder aside', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-abl-'))
    const parent = join(dir, 'study')
    const killed = join(parent, 'oracle-mask', 'seed-4')
    // No checkpoint before the end (checkpointInterval 0): a SIGKILL mid-run leaves none.
    const run = startCli([...(await tinyArgs(dir, 400, 400, { checkpointInterval: 0 })), '--ablation-study', '--seeds', '1', '--seed', '4', '--out', parent])
    await run.waitFor(/^Running "Quick MNIST · oracle-mask \(oracle\) · seed 4"/m)
    await until(async () => (await readFile(join(killed, 'metrics.jsonl'), 'utf8').catch(() => '')).split('\n').length > 5)
    run.child.kill('SIGKILL')
    await run.done
    const before = await readSessionFolder(killed)
    expect([before.manifest.checkpointStep, before.manifest.segments.length > 0]).toEqual([null, true])

    const resumed = await runCli(['--ablation-study', '--resume', parent])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toContain('none/seed-4: finished (400 steps)')
    const moved = /^oracle-mask\/seed-4: it left no checkpoint to continue from; moved its folder to (.+\.abandoned-\d+T\d+Z) and started again$/m.exec(resumed.stdout)
    expect(moved, resumed.stdout).not.toBeNull()
    // The killed run's folder is kept as it was; the rerun trained every step in a fresh one.
    expect((await readSessionFolder(moved![1])).metrics.length).toBe(before.metrics.length)
    const rerun = await readSessionFolder(killed)
    expect([rerun.manifest.status, rerun.manifest.segments.length, rerun.metrics.length]).toEqual(['finished', 1, 400])
    expect(resumed.stdout).toMatch(/^\| cost of wrong pseudo-labels \(oracle-mask − none\) \| 400 +\| 1 /m)
  }, 300_000)

  it('refuses bad ablation options and configs, creating nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-abl-'))
    const parent = join(dir, 'never')
    const tiny = await tinyArgs(dir, 1, 1)
    const both = await runCli([...tiny, '--ablation-study', '--compare-algorithms', '--out', parent])
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--ablation-study and --compare-algorithms cannot run together')])
    const unknown = await runCli([...tiny, '--ablation', 'oracle', '--out', parent])
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("--ablation: unknown mode 'oracle'")])
    const rate = await runCli([...tiny, '--ablation', 'noise:1.5', '--out', parent])
    expect([rate.code, rate.stderr]).toEqual([2, expect.stringContaining('--ablation noise needs a rate in [0, 1]')])
    const bound = await runCli([...(await tinyArgs(dir, 1, 1, { algorithm: { name: 'supervised' } })), '--ablation', 'oracle-mask', '--out', parent])
    expect([bound.code, bound.stderr]).toEqual([2, expect.stringContaining('ablation.mode: ablation oracle-mask needs pseudo-labels; supervised trains on none')])
    const noStudy = await runCli(['--ablation-study', '--resume', dir])
    expect([noStudy.code, noStudy.stderr]).toEqual([2, expect.stringContaining('holds no ablation study')])
    await expect(readSessionFolder(parent)).rejects.toThrow()
  }, 120_000)
})
