// The algorithms through `npm run experiment`'s entry point: --config naming each algorithm,
// and --compare-algorithms writing one session per algorithm and seed under one parent, then
// the table of mean ± std and Welch's t that those sessions give.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { ALGORITHMS } from '../../src/shared/algorithms/registry'
import { sampleStats, welchT } from '../../src/shared/analysis/welch-t'
import { runCli, startCli } from './cli-process'

/** 3 steps of 4 labeled + 4 unlabeled images, one eval and one sweep at the end. */
async function tinyArgs(dir: string, algorithm?: string): Promise<string[]> {
  const config = join(dir, 'tiny.json')
  await writeFile(config, JSON.stringify({ batch: { labeled: 4, mu: 1 }, evalInterval: 3, sweepInterval: 0, ...(algorithm ? { algorithm: { name: algorithm } } : {}) }))
  return ['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', config, '--steps', '3']
}

describe('algorithms from the CLI', () => {
  it('--config with algorithm.name softmatch prints its mean weight, not a mask rate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-alg-'))
    const r = await runCli([...(await tinyArgs(dir, 'softmatch')), '--out', join(dir, 's')])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ weight \d+\.\d%/)
    expect(r.stdout).toMatch(/meanWeight \d+\.\d+%/)
    expect(r.stdout).not.toMatch(/maskRate/)
    const session = await readSessionFolder(join(dir, 's'))
    expect(session.manifest.config.algorithm.name).toBe('softmatch')
  }, 120_000)

  it('--config with algorithm.name uda trains with USB defaults (T 0.4, p_cutoff 0.8, TSA none); a bad TSA schedule is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-uda-'))
    const r = await runCli([...(await tinyArgs(dir, 'uda')), '--out', join(dir, 'u')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ mask \d+\.\d%/)
    const session = await readSessionFolder(join(dir, 'u'))
    expect(session.manifest.config.algorithm).toMatchObject({ name: 'uda', udaTemperature: 0.4, udaCutoff: 0.8, tsaSchedule: 'none' })
    expect(session.sweeps.at(-1)?.rule).toEqual({ kind: 'threshold', threshold: 0.8 })
    const bad = join(dir, 'bad.json')
    await writeFile(bad, JSON.stringify({ algorithm: { name: 'uda', tsaSchedule: 'cosine' } }))
    const refused = await runCli(['--preset', 'quick-mnist', '--config', bad, '--steps', '3', '--out', join(dir, 'never')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/tsaSchedule/)
  }, 120_000)

  it('--config with algorithm.name defixmatch trains at its p_cutoff (threshold 0.95) and publishes that rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-defixmatch-'))
    const r = await runCli([...(await tinyArgs(dir, 'defixmatch')), '--out', join(dir, 'd')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ mask \d+\.\d%/)
    const session = await readSessionFolder(join(dir, 'd'))
    expect(session.manifest.config.algorithm).toMatchObject({ name: 'defixmatch', threshold: 0.95 })
    expect(session.metrics).toHaveLength(3)
    expect(session.sweeps.at(-1)?.rule).toEqual({ kind: 'threshold', threshold: 0.95 })
  }, 120_000)

  it('--config with algorithm.name pimodel or meanteacher trains every unlabeled image (no mask) and publishes that rule; meanteacher without the model EMA is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-consistency-'))
    for (const name of ['pimodel', 'meanteacher']) {
      const r = await runCli([...(await tinyArgs(dir, name)), '--out', join(dir, name)])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/ mask 100\.0%/)
      const session = await readSessionFolder(join(dir, name))
      expect(session.manifest.config.algorithm).toMatchObject({ name, unsupWarmup: 0.4 })
      expect(session.metrics).toHaveLength(3)
      expect(session.metrics.every((m) => m.maskRate === 1)).toBe(true)
      expect(session.sweeps.at(-1)?.rule).toEqual({ kind: 'threshold', threshold: 0 })
    }
    const bad = join(dir, 'no-ema.json')
    await writeFile(bad, JSON.stringify({ algorithm: { name: 'meanteacher' }, ema: { enabled: false, decay: 0.999 } }))
    const refused = await runCli(['--preset', 'quick-mnist', '--config', bad, '--steps', '3', '--out', join(dir, 'never')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/ema\.enabled: meanteacher's teacher is the model's EMA/)
    await expect(readSessionFolder(join(dir, 'never'))).rejects.toThrow()
  }, 180_000)

  it('--compare-algorithms goes on past a run that fails, leaves it out of the table and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-fail-'))
    const parent = join(dir, 'cmp')
    // A backend that is not installed fails each run as it starts (not a refusal of the command).
    const args = (await tinyArgs(dir)).map((a) => (a === 'wasm' ? 'tfjs-node' : a))
    const r = await runCli([...args, '--compare-algorithms', '--algorithms', 'fixmatch,flexmatch', '--seeds', '1', '--seed', '1', '--out', parent])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^Run ".*FixMatch.*" failed: backend tfjs-node is unavailable.*; the other runs go on\.$/m)
    expect(r.stdout).toMatch(/^Run ".*FlexMatch.*" failed: /m)
    expect(r.stdout).toMatch(/^2 run\(s\) failed and are left out of the table: fixmatch seed 1, flexmatch seed 1$/m)
  }, 180_000)

  it('--compare-algorithms runs Dash and AdaMatch, each finished with its own state in the checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-dash-'))
    const parent = join(dir, 'cmp')
    const r = await runCli([...(await tinyArgs(dir)), '--compare-algorithms', '--algorithms', 'dash,adamatch', '--seeds', '1', '--seed', '4', '--out', parent])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\| Dash /m)
    expect(r.stdout).toMatch(/^\| AdaMatch /m)
    const strategy = async (name: string) => {
      const session = await readSessionFolder(join(parent, name, 'seed-4'))
      expect(session.manifest).toMatchObject({ status: 'finished', config: { algorithm: { name } } })
      return (JSON.parse(await readFile(join(parent, name, 'seed-4', 'checkpoint', 'state.json'), 'utf8')) as { strategy: Record<string, unknown> }).strategy
    }
    // Dash: step 1 is its warm-up, step 2 its first rho (C rho_init), step 3 within the same interval.
    const dash = await strategy('dash')
    expect(dash).toMatchObject({ rhoInit: expect.any(Number), updates: 1 })
    expect(dash.rho).toBeCloseTo(1.0001 * (dash.rhoInit as number), 9)
    const ada = await strategy('adamatch')
    expect([(ada.pModel as number[]).length, (ada.pTarget as number[]).length]).toEqual([10, 10])
    expect(ada.cutoff).toBeLessThanOrEqual(0.95)
  }, 180_000)

  it('--compare-algorithms runs each algorithm on --seeds training seeds of one split and prints the table the sessions on disk give', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-'))
    const parent = join(dir, 'cmp')
    const names = ['fixmatch', 'pseudolabel', 'softmatch', 'supervised', 'fullysupervised'] as const
    const r = await runCli([...(await tinyArgs(dir)), '--compare-algorithms', '--algorithms', names.join(','), '--seeds', '2', '--seed', '4', '--out', parent])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.match(/^Running "/gm)).toHaveLength(10)
    const split = (await readSessionFolder(join(parent, 'fixmatch', 'seed-4'))).manifest.config.split
    const raw = new Map<string, number[]>()
    const ema = new Map<string, number[]>()
    for (const name of names) {
      for (const seed of [4, 5]) {
        const session = await readSessionFolder(join(parent, name, `seed-${seed}`))
        expect(session.manifest.status).toBe('finished')
        expect(session.manifest.config).toMatchObject({ seed, algorithm: { name }, split })
        expect(session.sweeps).toHaveLength(1)
        raw.set(name, [...(raw.get(name) ?? []), session.evals.at(-1)!.testAcc])
        ema.set(name, [...(ema.get(name) ?? []), session.evals.at(-1)!.emaTestAcc!])
      }
    }
    // Pseudo-Label runs at USB's uratio 1 and 3x the steps (its recipe); the others keep the preset's batch and steps.
    const pl = await readSessionFolder(join(parent, 'pseudolabel', 'seed-4'))
    expect([pl.manifest.config.batch.mu, pl.manifest.config.steps, pl.metrics.at(-1)?.step]).toEqual([1, 9, 9])
    const cell = (v: number[]): string => { const s = sampleStats(v); return `${(100 * s.mean).toFixed(2)} ± ${(100 * s.std).toFixed(2)}%` }
    const row = (title: string): string => r.stdout.split('\n').find((line) => line.startsWith(`| ${title} `)) ?? ''
    for (const [name, title] of [['fixmatch', 'FixMatch'], ['softmatch', 'SoftMatch'], ['supervised', 'Supervised (labeled only)'], ['fullysupervised', 'Fully supervised (oracle)']] as const) {
      const cells = row(title).split('|').map((c) => c.trim())
      expect(cells.slice(2, 6)).toEqual(['2', '3', cell(raw.get(name)!), cell(ema.get(name)!)])
    }
    expect(row('Pseudo-Label').split('|').map((c) => c.trim()).slice(2, 4)).toEqual(['2', '9'])
    // The bounds have no pseudo-labels; SoftMatch's used fraction is a mean weight.
    expect(row('Supervised (labeled only)').split('|')[6].trim()).toBe('-')
    expect(row('SoftMatch')).toMatch(/% \(weight\)/)
    // Welch's t for every pair (10), on the EMA accuracy, with the verdict in words.
    const w = welchT(ema.get('fixmatch')!, ema.get('fullysupervised')!)!
    const pair = r.stdout.split('\n').find((line) => line.startsWith('| FixMatch - Fully supervised (oracle) '))!
    expect(pair.split('|').map((c) => c.trim()).slice(2, 6)).toEqual([(100 * w.difference).toFixed(2), w.t.toFixed(2), w.df.toFixed(1), w.p.toPrecision(2)])
    expect(r.stdout.match(/^\| \S.* - .*\| (apart|cannot tell) +\|$/gm)).toHaveLength(10)
    expect(r.stdout).toMatch(/At p < 0\.05, the seeds tell \d+ of 10 pairs apart and cannot tell \d+ apart\./)
  }, 300_000)

  it('the comparison preset plans its thirteen algorithms on 3 seeds by default', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-'))
    const run = startCli(['--preset', 'algorithm-comparison-quick-mnist', '--steps', '1', '--backend', 'wasm', '--compare-algorithms', '--out', join(dir, 'cmp')])
    await run.waitFor(/^Running "/m)
    run.child.kill('SIGTERM')
    const r = await run.done
    expect(r.stdout).toContain('Comparing fixmatch, flexmatch, pseudolabel, freematch, softmatch, dash, adamatch, uda, defixmatch, pimodel, meanteacher, supervised, fullysupervised on one split (split seed 1), training seeds 1, 2, 3: 39 sessions under')
  }, 120_000)

  it('refuses unknown algorithms and --algorithms without --compare-algorithms, creating nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-'))
    const parent = join(dir, 'never')
    const tiny = await tinyArgs(dir)
    const bad = await runCli([...tiny, '--compare-algorithms', '--algorithms', 'fixmatch,mixmatch', '--out', parent])
    expect(bad.code).toBe(2)
    // Every registered algorithm, in registry order (the list grows with the registry).
    expect(bad.stderr).toContain(`--algorithms: unknown 'mixmatch' (known: ${ALGORITHMS.join(', ')})`)
    const lone = await runCli([...tiny, '--algorithms', 'fixmatch', '--out', parent])
    expect(lone.code).toBe(2)
    expect(lone.stderr).toContain('--algorithms only applies with --compare-algorithms')
    const seeds = await runCli([...tiny, '--seeds', '2', '--out', parent])
    expect([seeds.code, seeds.stderr]).toEqual([2, expect.stringContaining('--seeds only applies with --compare-algorithms')])
    const none = await runCli([...tiny, '--compare-algorithms', '--seeds', '0', '--out', parent])
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('--seeds must be an integer >= 1, got 0')])
    await expect(readSessionFolder(parent)).rejects.toThrow()
  })
})
