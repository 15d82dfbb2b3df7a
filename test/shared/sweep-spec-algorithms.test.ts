// A sweep spec's algorithms: every grid point runs each algorithm as a comparison runs it
// (withAlgorithm: Pseudo-Label at mu 1), which a grid over algorithm.name cannot say; a spec
// without the field (an older sweep.json) expands as before.
import { describe, expect, it } from 'vitest'
import { comparisonRuns } from '../../src/shared/config/algorithm-variants'
import { presetConfig } from '../../src/shared/config/presets'
import { SweepManifestSchema } from '../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'

const base = presetConfig('algorithm-comparison-quick-mnist')
const spec = { name: 'cmp', preset: 'algorithm-comparison-quick-mnist', grid: { seed: [1, 2] }, algorithms: ['fixmatch', 'pseudolabel', 'fullysupervised'] }

describe('expandSweep with algorithms', () => {
  it('runs each algorithm on each seed, seed by seed, with its own recipe and the same split', () => {
    const runs = expandSweep(parseSweepSpec(spec))
    expect(runs.map((r) => r.name)).toEqual(['seed-1_fixmatch', 'seed-1_pseudolabel', 'seed-1_fullysupervised', 'seed-2_fixmatch', 'seed-2_pseudolabel', 'seed-2_fullysupervised'])
    expect(runs.map((r) => [r.config.algorithm.name, r.config.seed, r.config.batch.mu, r.config.steps])).toEqual([
      ['fixmatch', 1, base.batch.mu, base.steps],
      ['pseudolabel', 1, 1, 3 * base.steps],
      ['fullysupervised', 1, base.batch.mu, base.steps],
      ['fixmatch', 2, base.batch.mu, base.steps],
      ['pseudolabel', 2, 1, 3 * base.steps],
      ['fullysupervised', 2, base.batch.mu, base.steps]
    ])
    expect(new Set(runs.map((r) => JSON.stringify(r.config.split)))).toEqual(new Set([JSON.stringify(base.split)]))
    expect(runs[1].values).toEqual({ seed: 1, 'algorithm.name': 'pseudolabel' })
    expect(runs[1].config.name).toBe('cmp seed-1_pseudolabel')
  })

  it('scales a grid’s steps by a recipe’s stepsFactor, and lets a grid’s mu win over a recipe’s', () => {
    const runs = expandSweep(parseSweepSpec({ ...spec, grid: { steps: [10, 20], 'batch.mu': [2] }, algorithms: ['fixmatch', 'pseudolabel'] }))
    expect(runs.map((r) => [r.config.algorithm.name, r.config.steps, r.config.batch.mu])).toEqual([
      ['fixmatch', 10, 2],
      ['pseudolabel', 30, 2],
      ['fixmatch', 20, 2],
      ['pseudolabel', 60, 2]
    ])
    // The same grid point on the CLI's path: --steps is the comparison's steps there too.
    expect(comparisonRuns({ ...base, steps: 20 }, ['pseudolabel'], 1)[0].config.steps).toBe(60)
  })

  it('gives the same configs the CLI’s --compare-algorithms runs, but for the name', () => {
    const cli = comparisonRuns({ ...base, seed: 1 }, ['fixmatch', 'pseudolabel', 'fullysupervised'], 2)
    const runs = expandSweep(parseSweepSpec(spec))
    expect(runs.map((r) => ({ ...r.config, name: '' }))).toEqual(cli.map((r) => ({ ...r.config, name: '' })))
  })

  it('refuses a grid that also varies the algorithm, and an empty or repeated list', () => {
    expect(() => expandSweep(parseSweepSpec({ ...spec, grid: { seed: [1], 'algorithm.name': ['fixmatch'] } }))).toThrow(/grid 'algorithm.name' cannot vary with algorithms/)
    expect(() => parseSweepSpec({ ...spec, algorithms: [] })).toThrow(/at least one algorithm/)
    expect(() => parseSweepSpec({ ...spec, algorithms: ['fixmatch', 'fixmatch'] })).toThrow(/must not repeat/)
    expect(() => parseSweepSpec({ ...spec, algorithms: ['mixmatch'] })).toThrow(/invalid sweep spec: algorithms/)
  })

  it('reads a sweep.json written before algorithms existed as a plain grid', () => {
    const plain = parseSweepSpec({ name: 'old', grid: { seed: [1, 2] } })
    expect(plain.algorithms).toBeUndefined()
    const runs = expandSweep(plain)
    expect(runs.map((r) => r.name)).toEqual(['seed-1', 'seed-2'])
    const manifest = { schemaVersion: 1, app: 'pseudoscope-sweep', spec: { name: 'old', preset: 'quick-mnist', config: {}, grid: { seed: [1, 2] } }, executor: { kind: 'local', parallel: 1 }, createdAt: 1, updatedAt: 1, runs: runs.map((p) => ({ ...p, state: 'pending', updatedAt: 1 })) }
    expect(SweepManifestSchema.parse(manifest).spec.algorithms).toBeUndefined()
  })
})
