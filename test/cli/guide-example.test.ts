// The guide's example algorithm (docs/guide/your-algorithm.md, steps 5 and 6) through
// `npm run experiment`'s entry point, as a researcher runs a new algorithm: --config naming it,
// --compare-algorithms beside FixMatch, and an oracle ablation of its rule.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { runCli } from './cli-process'

/** 4 steps of 4 labeled + 4 unlabeled images, one eval at the end, a sweep every 2 steps. */
async function tinyArgs(dir: string, algorithm: Record<string, unknown>): Promise<string[]> {
  const config = join(dir, 'ema.json')
  await writeFile(config, JSON.stringify({ batch: { labeled: 4, mu: 1 }, evalInterval: 4, sweepInterval: 2, algorithm }))
  return ['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', config, '--steps', '4']
}

const strategyOf = async (dir: string) => (JSON.parse(await readFile(join(dir, 'checkpoint', 'state.json'), 'utf8')) as { strategy: Record<string, unknown> }).strategy

describe('the guide example from the CLI', () => {
  it('--config naming emathreshold trains it with its defaults, prints its figures and records its moving rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-guide-'))
    const r = await runCli([...(await tinyArgs(dir, { name: 'emathreshold', emaMomentum: 0.5 })), '--out', join(dir, 's')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ mask \d+\.\d%/)
    const session = await readSessionFolder(join(dir, 's'))
    expect(session.manifest).toMatchObject({ status: 'finished', config: { algorithm: { name: 'emathreshold', threshold: 0.95, thresholdFloor: 0.7, emaMomentum: 0.5 } } })
    expect(session.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4])
    // Step 1 masks at tau 0.95; after it the EMA moves halfway to each batch's mean confidence.
    const { ema } = await strategyOf(join(dir, 's'))
    expect(typeof ema === 'number' && ema < 0.95).toBe(true)
    const cuts = session.sweeps.map((s) => s.rule)
    expect(cuts).toHaveLength(2)
    expect(cuts.at(-1)).toEqual({ kind: 'threshold', threshold: Math.min(0.95, Math.max(0.7, ema as number)) })
    const bad = join(dir, 'bad.json')
    // A floor above tau is refused before anything starts (the definition's refusal).
    await writeFile(bad, JSON.stringify({ algorithm: { name: 'emathreshold', threshold: 0.6, thresholdFloor: 0.8 } }))
    const refused = await runCli(['--preset', 'quick-mnist', '--config', bad, '--steps', '3', '--out', join(dir, 'never')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/algorithm\.thresholdFloor: thresholdFloor 0\.8 must not exceed threshold 0\.6/)
  }, 120_000)

  it('--compare-algorithms runs it beside FixMatch on the same split, and --ablation oracle-mask edits what its rule lets through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-guide-cmp-'))
    const parent = join(dir, 'cmp')
    const r = await runCli([...(await tinyArgs(dir, { threshold: 0.5, thresholdFloor: 0.3 })), '--compare-algorithms', '--algorithms', 'fixmatch,emathreshold', '--seeds', '1', '--seed', '3', '--out', parent])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\| FixMatch /m)
    expect(r.stdout).toMatch(/^\| EMA threshold \(guide example\) /m)
    const [fix, ema] = await Promise.all(['fixmatch', 'emathreshold'].map((name) => readSessionFolder(join(parent, name, 'seed-3'))))
    expect(ema.manifest).toMatchObject({ status: 'finished', config: { algorithm: { name: 'emathreshold' } } })
    expect(ema.manifest.config.split).toEqual(fix.manifest.config.split)

    const oracle = await runCli([...(await tinyArgs(dir, { name: 'emathreshold', threshold: 0.5, thresholdFloor: 0.2 })), '--ablation', 'oracle-mask', '--out', join(dir, 'o')])
    expect(oracle.code, oracle.stderr).toBe(0)
    expect(oracle.stdout.split('\n')[0]).toMatch(/^ORACLE ABLATION oracle-mask/)
    const session = await readSessionFolder(join(dir, 'o'))
    expect(session.manifest.config).toMatchObject({ ablation: { mode: 'oracle-mask' }, algorithm: { name: 'emathreshold' } })
    expect(session.metrics.every((m) => typeof m.ablationChanged === 'number')).toBe(true)
  }, 240_000)
})
