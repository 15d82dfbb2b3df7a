import { describe, expect, it } from 'vitest'
import { ExperimentConfigSchema } from '../../src/shared/config/experiment-config'
import { presetConfig } from '../../src/shared/config/presets'
import { CONFIG_FIELDS, MAIN_OWNED_FIELDS, fieldGroups } from '../../src/renderer/src/lib/config-fields'
import { checkDraft, getPath, issuesByField, parseInput, setPath, shortRunNotes, type Draft } from '../../src/renderer/src/lib/config-draft'

/** Every leaf path of the schema, by walking a fully-populated config. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))
}

const paths = CONFIG_FIELDS.map((f) => f.path)

describe('config fields', () => {
  it('cover every field of ExperimentConfig exactly once, but the ones main sets', () => {
    const full = ExperimentConfigSchema.parse({ ...presetConfig('quick-mnist'), dataset: { id: 'mnist', dataDir: '/x' } })
    expect([...paths, ...MAIN_OWNED_FIELDS].sort()).toEqual(leafPaths(full).sort())
    expect(paths).not.toContain('dataset.dataDir')
    expect(new Set(paths).size).toBe(paths.length)
  })
  it('groups keep field order', () => {
    expect(fieldGroups()[0][0]).toBe('Training')
    expect(fieldGroups().flatMap(([, fs]) => fs).length).toBe(CONFIG_FIELDS.length)
  })
})

describe('config draft', () => {
  const draft = presetConfig('quick-mnist') as unknown as Draft
  it('reads and writes by dotted path without touching the original', () => {
    const next = setPath(draft, 'algorithm.threshold', 0.5)
    expect(getPath(next, 'algorithm.threshold')).toBe(0.5)
    expect(getPath(draft, 'algorithm.threshold')).toBe(0.95)
    expect(getPath(setPath(draft, 'name', undefined), 'name')).toBeUndefined()
  })
  it('parses typed input, keeping unparseable numbers visible to the validator', () => {
    expect(parseInput('int', '30')).toBe(30)
    expect(parseInput('number', 'abc')).toBe('abc')
    expect(parseInput('number', '')).toBeUndefined()
    expect(parseInput('tri-bool', 'auto')).toBeNull()
    expect(parseInput('tri-bool', 'off')).toBe(false)
  })
  it('validates a preset and maps mistakes to their fields as you type', () => {
    expect(checkDraft(draft, paths).config).not.toBeNull()
    const bad = setPath(setPath(draft, 'algorithm.threshold', 1.5), 'steps', 'ten')
    const check = checkDraft(bad, paths)
    expect(check.config).toBeNull()
    expect(check.byField['algorithm.threshold']).toEqual(['threshold must be in (0, 1]'])
    expect(check.byField['steps']?.length).toBe(1)
  })
  it('puts an issue on a missing object onto its first field', () => {
    expect(issuesByField([{ path: 'split', message: 'required' }], paths)).toEqual({ 'split.labelsPerClass': ['split: required'] })
    expect(issuesByField([{ path: '', message: 'bad' }], paths)).toEqual({ '': ['bad'] })
  })
  it('notes short runs relative to the BN and EMA horizons', () => {
    const paper = presetConfig('fixmatch-paper-cifar10-4000')
    expect(shortRunNotes(paper)).toEqual([])
    expect(shortRunNotes({ ...paper, steps: 500 })).toHaveLength(2)
    expect(shortRunNotes(presetConfig('quick-mnist'))).toEqual([])
    expect(shortRunNotes({ ...presetConfig('quick-mnist'), steps: 30 }).length).toBeGreaterThan(0)
    // The advice fits the run: a horizon of steps/3 at most.
    const [bn, ema] = shortRunNotes({ ...paper, steps: 300 })
    expect(bn).toEqual({ kind: 'bn', steps: 300, rate: paper.model.bnMomentum, horizon: 1000, fitting: 0.99 })
    expect(ema).toMatchObject({ kind: 'ema', steps: 300, fitting: 0.99 })
    expect(shortRunNotes({ ...paper, steps: 2 })[0].fitting).toBeNull()
  })
})
