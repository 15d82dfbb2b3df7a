// A sweep spec's ablations (issue 27): every grid point runs each oracle-ablation mode on the
// same config (same split, seed and draws), seed by seed, the oracle runs named so; refused
// with algorithms or a grid over ablation.*; an older sweep.json reads without the field.
import { describe, expect, it } from 'vitest'
import { ABLATION_STUDY_MODES, ablationOf } from '../../src/shared/config/ablation'
import { presetConfig } from '../../src/shared/config/presets'
import { SweepManifestSchema } from '../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'

const spec = { name: 'cost', preset: 'quick-mnist', grid: { seed: [1, 2] }, ablations: [...ABLATION_STUDY_MODES] }

describe('expandSweep with ablations', () => {
  it('runs each mode on each seed, seed by seed, with one split and config but the mode', () => {
    const runs = expandSweep(parseSweepSpec(spec))
    expect(runs.map((r) => r.name)).toEqual(['seed-1_none', 'seed-1_oracle-mask', 'seed-1_oracle-correct', 'seed-2_none', 'seed-2_oracle-mask', 'seed-2_oracle-correct'])
    expect(runs.map((r) => [ablationOf(r.config).mode, r.config.seed])).toEqual([
      ['none', 1],
      ['oracle-mask', 1],
      ['oracle-correct', 1],
      ['none', 2],
      ['oracle-mask', 2],
      ['oracle-correct', 2]
    ])
    const strip = (c: (typeof runs)[number]['config']): unknown => ({ ...c, name: '', seed: 0, ablation: undefined })
    expect(new Set(runs.map((r) => JSON.stringify(strip(r.config))))).toEqual(new Set([JSON.stringify(strip(runs[0].config))]))
    expect(runs[0].config.split).toEqual(presetConfig('quick-mnist').split)
    expect(runs[1].values).toEqual({ seed: 1, 'ablation.mode': 'oracle-mask' })
  })

  it('names every oracle run so, even when the grid sets the name', () => {
    const runs = expandSweep(parseSweepSpec(spec))
    expect(runs.filter((r) => /oracle/.test(r.config.name)).map((r) => r.name)).toEqual(runs.filter((r) => r.name.includes('oracle')).map((r) => r.name))
    const named = expandSweep(parseSweepSpec({ ...spec, grid: { seed: [1], name: ['plain'] } }))
    expect(named.map((r) => r.config.name)).toEqual(['plain', expect.stringMatching(/^plain · oracle-mask \(oracle\)$/), expect.stringMatching(/oracle/)])
  })

  it('refuses ablations with algorithms, a grid over ablation.*, an empty or repeated list, an unknown mode and a bound', () => {
    expect(() => expandSweep(parseSweepSpec({ ...spec, algorithms: ['fixmatch'] }))).toThrow(/cannot hold both algorithms and ablations/)
    expect(() => expandSweep(parseSweepSpec({ ...spec, grid: { seed: [1], 'ablation.mode': ['noise'] } }))).toThrow(/grid 'ablation.mode' cannot vary with ablations/)
    expect(() => expandSweep(parseSweepSpec({ ...spec, grid: { seed: [1], 'ablation.noiseRate': [0.1] } }))).toThrow(/grid 'ablation.noiseRate' cannot vary/)
    expect(() => parseSweepSpec({ ...spec, ablations: [] })).toThrow(/at least one mode/)
    expect(() => parseSweepSpec({ ...spec, ablations: ['none', 'none'] })).toThrow(/must not repeat/)
    expect(() => parseSweepSpec({ ...spec, ablations: ['oracle-peek'] })).toThrow(/invalid sweep spec: ablations/)
    expect(() => expandSweep(parseSweepSpec({ ...spec, config: { algorithm: { name: 'supervised' } } }))).toThrow(/needs pseudo-labels/)
  })

  it('reads a sweep.json written before ablations existed as a plain grid', () => {
    const plain = parseSweepSpec({ name: 'old', grid: { seed: [1, 2] } })
    expect(plain.ablations).toBeUndefined()
    const runs = expandSweep(plain)
    expect(runs.map((r) => ablationOf(r.config).mode)).toEqual(['none', 'none'])
    const manifest = { schemaVersion: 1, app: 'pseudoscope-sweep', spec: { name: 'old', preset: 'quick-mnist', config: {}, grid: { seed: [1, 2] } }, executor: { kind: 'local', parallel: 1 }, createdAt: 1, updatedAt: 1, runs: runs.map((p) => ({ ...p, state: 'pending', updatedAt: 1 })) }
    expect(SweepManifestSchema.parse(manifest).spec.ablations).toBeUndefined()
  })
})
