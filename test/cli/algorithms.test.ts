// The five algorithms through `npm run experiment`'s entry point: --config naming each
// algorithm, and --compare-algorithms writing one session per algorithm under one parent.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { runCli } from './cli-process'

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

  it('--compare-algorithms runs all five on one split and seed into folders the reader opens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-'))
    const parent = join(dir, 'cmp')
    const r = await runCli([...(await tinyArgs(dir)), '--compare-algorithms', '--out', parent])
    expect(r.code, r.stderr).toBe(0)
    for (const name of ['fixmatch', 'flexmatch', 'pseudolabel', 'freematch', 'softmatch']) {
      const session = await readSessionFolder(join(parent, name))
      expect(session.manifest.status).toBe('finished')
      expect(session.manifest.config.algorithm.name).toBe(name)
      expect(session.manifest.config.split).toEqual((await readSessionFolder(join(parent, 'fixmatch'))).manifest.config.split)
      expect(session.sweeps).toHaveLength(1)
    }
    // Pseudo-Label runs at USB's uratio 1; the others keep the preset's batch.
    expect((await readSessionFolder(join(parent, 'pseudolabel'))).manifest.config.batch.mu).toBe(1)
    expect(r.stdout).toMatch(/\| FixMatch\s+\| \d+\.\d\d%/)
    expect(r.stdout).toMatch(/\| SoftMatch .*\(mean weight\)/)
    expect(r.stdout.match(/^Running "/gm)).toHaveLength(5)
  }, 300_000)

  it('refuses unknown algorithms and --algorithms without --compare-algorithms, creating nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-cmp-'))
    const parent = join(dir, 'never')
    const tiny = await tinyArgs(dir)
    const bad = await runCli([...tiny, '--compare-algorithms', '--algorithms', 'fixmatch,mixmatch', '--out', parent])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--algorithms: unknown 'mixmatch' (known: fixmatch, flexmatch, pseudolabel, freematch, softmatch)")
    const lone = await runCli([...tiny, '--algorithms', 'fixmatch', '--out', parent])
    expect(lone.code).toBe(2)
    expect(lone.stderr).toContain('--algorithms only applies with --compare-algorithms')
    await expect(readSessionFolder(parent)).rejects.toThrow()
  })
})
