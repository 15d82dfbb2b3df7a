// A sweep spec's runs: the cross product of its grid, each a full validated config with a
// name from its grid values; bad keys and values are refused naming them.
import { describe, expect, it } from 'vitest'
import { presetConfig } from '../../src/shared/config/presets'
import { AppError } from '../../src/shared/errors'
import { configFieldPaths, expandSweep, MAX_RUN_NAME, parseSweepSpec, runNameClash, SweepPointSchema } from '../../src/shared/sweep-spec'

const example = { name: 'tau-sweep', preset: 'quick-mnist', config: { steps: 40 }, grid: { 'algorithm.threshold': [0.9, 0.95], seed: [1, 2] } }

function refusal(input: unknown): string {
  try {
    expandSweep(parseSweepSpec(input))
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid-config')
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('expandSweep', () => {
  it('makes the issue example into 4 full configs named by their grid values', () => {
    const runs = expandSweep(parseSweepSpec(example))
    expect(runs.map((r) => r.name)).toEqual(['threshold-0.9_seed-1', 'threshold-0.9_seed-2', 'threshold-0.95_seed-1', 'threshold-0.95_seed-2'])
    expect(runs.map((r) => [r.config.algorithm.threshold, r.config.seed])).toEqual([[0.9, 1], [0.9, 2], [0.95, 1], [0.95, 2]])
    const base = presetConfig('quick-mnist')
    for (const run of runs) {
      expect(run.config.steps).toBe(40)
      // Everything else is the preset's.
      expect({ ...run.config, name: '', steps: 0, seed: 0, algorithm: null }).toEqual({ ...base, name: '', steps: 0, seed: 0, algorithm: null })
      expect(run.config.algorithm.temperature).toBe(base.algorithm.temperature)
      expect(run.config.name).toBe(`tau-sweep ${run.name}`)
    }
    expect(runs[3].values).toEqual({ 'algorithm.threshold': 0.95, seed: 2 })
  })

  it('spells out keys whose last part clashes, and whole objects as values', () => {
    const runs = expandSweep(parseSweepSpec({ name: 's', grid: { seed: [3], 'split.seed': [4], model: [{ arch: 'small-cnn', bnMomentum: 0.8 }] } }))
    expect(runs.map((r) => r.name)).toEqual(['seed-3_split.seed-4_model-arch-small-cnn-bnMomentum-0.8'])
    expect(runs[0].config.model).toEqual({ arch: 'small-cnn', bnMomentum: 0.8, leakySlope: 0.1 })
  })

  it('refuses a grid key that is not a config field', () => {
    expect(refusal({ name: 's', grid: { 'algorithm.tau': [0.9], seed: [1] } })).toMatch(/grid key 'algorithm.tau' is not a config field/)
    expect(refusal({ name: 's', grid: { 'seed.x': [1] } })).toMatch(/'seed.x'/)
  })

  it('refuses a value the config schema refuses, naming key and value', () => {
    expect(refusal({ ...example, grid: { 'algorithm.threshold': [0.9, 1.5] } })).toBe(
      "grid 'algorithm.threshold' value 1.5 is refused: algorithm.threshold: threshold must be in (0, 1]"
    )
    expect(refusal({ ...example, grid: { 'model.arch': ['resnet'] } })).toMatch(/grid 'model.arch' value "resnet" is refused: model.arch: /)
  })

  it('refuses a bad spec, a bad base config and a grid of too many runs', () => {
    expect(refusal({ name: 'a b', grid: {} })).toMatch(/^invalid sweep spec: name: .*; grid: grid must name at least one config field$/)
    expect(refusal({ name: 's', grid: { seed: [] } })).toMatch(/grid.seed: each grid key needs at least one value/)
    expect(refusal({ name: 's', preset: 'nope', grid: { seed: [1] } })).toMatch(/^invalid sweep spec: preset: /)
    expect(refusal({ name: 's', config: { steps: 0 }, grid: { seed: [1] } })).toBe('invalid sweep config: steps: steps must be at least 1')
    expect(refusal({ name: 's', grid: { seed: Array.from({ length: 40 }, (_, i) => i), 'split.seed': Array.from({ length: 40 }, (_, i) => i) } })).toMatch(/1600 runs; at most 1000/)
  })

  it('knows every config field path', () => {
    const paths = configFieldPaths()
    expect(paths).toEqual(expect.arrayContaining(['seed', 'algorithm', 'algorithm.threshold', 'dataset.dataDir', 'augment.horizontalFlip', 'schedule.cosineCycles']))
    expect(paths).not.toContain('algorithm.tau')
  })
})

describe('run names', () => {
  it('refuses a grid value that makes a name too long for a folder, naming the key', () => {
    const long = `/data/${'x'.repeat(300)}`
    expect(refusal({ name: 's', grid: { seed: [1], 'dataset.dataDir': [long] } })).toMatch(
      new RegExp(`^run name seed-1_dataDir-data-x+… would be ${'seed-1_dataDir-data-'.length + 300} characters, more than ${MAX_RUN_NAME} .*grid 'dataset.dataDir' has a value too long`)
    )
    expect(expandSweep(parseSweepSpec({ name: 's', grid: { name: ['x'.repeat(MAX_RUN_NAME - 'name-'.length)] } }))[0].name).toHaveLength(MAX_RUN_NAME)
  })

  it('refuses runs whose names differ only in letter case (one folder on macOS and Windows)', () => {
    expect(refusal({ name: 's', grid: { name: ['A', 'a'] } })).toBe(
      'runs name-A and name-a differ only in letter case, so they would share one folder on macOS and Windows; make the grid values differ in more than case'
    )
    expect(runNameClash(['seed-1', 'Seed-2', 'seed-2'])).toEqual(['Seed-2', 'seed-2'])
    expect(runNameClash(['a', 'b'])).toBeNull()
  })

  it('checks a run name wherever one is read: no path, no leading dot, bounded', () => {
    const [point] = expandSweep(parseSweepSpec(example))
    expect(SweepPointSchema.safeParse(point).success).toBe(true)
    for (const name of ['../../escaped-run', '..', '.', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(MAX_RUN_NAME + 1), 'café']) {
      expect(SweepPointSchema.safeParse({ ...point, name }).success, name).toBe(false)
    }
  })
})
