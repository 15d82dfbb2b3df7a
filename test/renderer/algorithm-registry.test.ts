// The registry is the one list of algorithms: every table the app derives from it must hold
// every definition (schema, defaults, docs, form, labels en/ko, titles, rule kinds, strategies),
// and the config's JSON keys stay those of the sessions already on disk.
import { describe, expect, it } from 'vitest'
import { COMMON_SETTINGS, type SettingMeta } from '../../src/shared/algorithms/definition'
import { algorithmSettingFields } from '../../src/shared/algorithms/form'
import {
  ALGORITHM_DEFINITIONS,
  ALGORITHM_RULE_KIND,
  ALGORITHM_TITLES,
  ALGORITHMS,
  BOUNDS,
  configThreshold,
  createStrategy,
  definitionOf,
  isBound,
  isOracleBound,
  readersOf,
  SSL_ALGORITHMS
} from '../../src/shared/algorithms/registry'
import { algorithmComparison, COMPARISON_ALGORITHMS, withAlgorithm } from '../../src/shared/config/algorithm-variants'
import { CONFIG_FIELD_DOCS } from '../../src/shared/config/config-docs'
import { configFieldRows } from '../../src/shared/config/config-reference'
import { ExperimentConfigSchema, requireValidConfig } from '../../src/shared/config/experiment-config'
import { ALGORITHM_EXTRAS, findPreset, PRESETS } from '../../src/shared/config/presets'
import { CONFIG_FIELDS } from '../../src/renderer/src/lib/config-fields'
import { shortRunNotes } from '../../src/renderer/src/lib/config-draft'
import algorithmMessages from '../../src/renderer/src/i18n/messages/algorithms'
import experimentMessages from '../../src/renderer/src/i18n/messages/experiments'

const quick = PRESETS.find((p) => p.id === 'quick-mnist')!.config
const ownKeys = (d: (typeof ALGORITHM_DEFINITIONS)[number]): string[] => Object.keys(d.settings)
const context = { numClasses: 3, numUnlabeled: 8, totalSteps: 100 }

describe('the algorithm registry', () => {
  it('lists each name once: the SSL algorithms, then the bounds, in the config enum', () => {
    const names = ALGORITHM_DEFINITIONS.map((d) => d.name)
    expect(new Set(names).size).toBe(names.length)
    expect([...ALGORITHMS].sort()).toEqual([...names].sort())
    expect(ALGORITHMS).toEqual([...SSL_ALGORITHMS, ...BOUNDS])
    expect(BOUNDS).toEqual(ALGORITHM_DEFINITIONS.filter((d) => d.bound).map((d) => d.name))
    expect(ExperimentConfigSchema.shape.algorithm.shape.name.options).toEqual([...ALGORITHMS])
    // The oracle (every training label) is a bound, and the only one the engine gives oracleSplit.
    expect(ALGORITHMS.filter(isOracleBound)).toEqual(['fullysupervised'])
    expect(BOUNDS).toEqual(expect.arrayContaining(ALGORITHMS.filter(isOracleBound)))
  })

  it("warns a short run of the algorithms whose statistics start uniform (emaStart), from their definitions", () => {
    const uniform = ALGORITHM_DEFINITIONS.filter((d) => 'emaStart' in d && d.emaStart === 'uniform').map((d) => d.name)
    expect(uniform).toEqual(expect.arrayContaining(['freematch', 'softmatch']))
    for (const d of ALGORITHM_DEFINITIONS) {
      const notes = shortRunNotes({ steps: 600, model: { ...quick.model, bnMomentum: 0.5 }, ema: { enabled: false, decay: 0.9 }, algorithm: { name: d.name, emaMomentum: 0.999 } })
      expect(notes.map((n) => n.kind)).toEqual((uniform as string[]).includes(d.name) ? ['confidence'] : [])
    }
  })

  it.each(ALGORITHM_DEFINITIONS.map((d) => [d.name, d] as const))('%s has a title in en and ko, a rule kind and its settings everywhere', (name, d) => {
    expect(d.title.en.trim()).not.toBe('')
    expect(d.title.ko.trim()).not.toBe('')
    expect(ALGORITHM_TITLES[name]).toBe(d.title.en)
    expect(algorithmMessages.en.name[name as keyof typeof algorithmMessages.en.name]).toBe(d.title.en)
    expect((algorithmMessages.ko.name as Record<string, string>)[name]).toBe(d.title.ko)
    expect(ALGORITHM_RULE_KIND[name]).toBe(d.ruleKind)
    expect(CONFIG_FIELD_DOCS['algorithm.name']).toContain(`\`${name}\` (${d.summary})`)
    const schema = ExperimentConfigSchema.shape.algorithm.shape as Record<string, unknown>
    const rows = new Set(configFieldRows().map((r) => r.path))
    const formPaths = new Set(CONFIG_FIELDS.map((f) => f.path))
    const labels = { en: experimentMessages.en.field.algorithm as Record<string, string>, ko: experimentMessages.ko.field.algorithm as Record<string, string> }
    const help = { en: experimentMessages.en.help.algorithm as Record<string, string>, ko: experimentMessages.ko.help.algorithm as Record<string, string> }
    for (const key of ownKeys(d)) {
      const meta = (d.settingMeta as Record<string, SettingMeta>)[key]
      expect(meta, `${name}.${key} has no settingMeta`).toBeDefined()
      expect(schema[key]).toBe((d.settings as Record<string, unknown>)[key])
      expect(ALGORITHM_EXTRAS).toHaveProperty(key)
      expect(rows.has(`algorithm.${key}` as never)).toBe(true)
      expect((CONFIG_FIELD_DOCS as Record<string, string>)[`algorithm.${key}`]).toBe(meta.docs)
      expect(formPaths.has(`algorithm.${key}`)).toBe(true)
      expect(labels.en[key]).toBe(meta.label.en)
      expect(labels.ko[key]).toBe(meta.label.ko)
      if (meta.help) expect([help.en[key], help.ko[key]]).toEqual([meta.help.en, meta.help.ko])
    }
    expect(Object.keys(d.settingMeta).sort()).toEqual(ownKeys(d).sort())
  })

  it('every strategy comes from its definition, with the name and rule kind it declares', () => {
    for (const d of ALGORITHM_DEFINITIONS) {
      const config = requireValidConfig({ ...quick, algorithm: { ...quick.algorithm, name: d.name } })
      const strategy = createStrategy(config.algorithm, context)
      expect(strategy.name).toBe(d.name)
      expect(strategy.rule().kind).toBe(d.ruleKind)
      // The engine reads the strategy's flag, the form and docs the definition's: one fact.
      expect(strategy.readsTemperature).toBe((d.reads as readonly string[]).includes('temperature'))
      expect(definitionOf(d.name)).toBe(d)
    }
  })

  it("reads each algorithm's own settings: UDA's cutoff is its starting threshold and its strategy's mask", () => {
    const algorithm = requireValidConfig({ ...quick, algorithm: { ...quick.algorithm, name: 'uda', threshold: 0.95, udaCutoff: 0.7 } }).algorithm
    expect(configThreshold(algorithm)).toBe(0.7)
    expect(createStrategy(algorithm, context).rule()).toEqual({ kind: 'threshold', threshold: 0.7 })
    expect(configThreshold({ ...algorithm, name: 'fixmatch' })).toBe(0.95)
  })

  it("applies each definition's comparison recipe in withAlgorithm, and nothing for the others", () => {
    for (const d of ALGORITHM_DEFINITIONS) {
      const recipe: { mu?: number; lambdaU?: number; stepsFactor?: number } = ('recipe' in d ? d.recipe : undefined) ?? {}
      const out = withAlgorithm({ ...quick, steps: 250, batch: { ...quick.batch, mu: 5 }, algorithm: { ...quick.algorithm, lambdaU: 3 } }, d.name)
      expect(out.batch.mu).toBe(recipe.mu ?? 5)
      expect(out.algorithm.lambdaU).toBe(recipe.lambdaU ?? 3)
      expect(out.steps).toBe(Math.round(250 * (recipe.stepsFactor ?? 1)))
    }
    expect([withAlgorithm(quick, 'pseudolabel').batch.mu, withAlgorithm(quick, 'pseudolabel').steps]).toEqual([1, 3 * quick.steps])
  })

  it('names the readers of a common setting in its docs and form hint', () => {
    const readers = readersOf('emaMomentum').map((d) => d.title.en)
    expect(readers).toEqual(expect.arrayContaining(['FreeMatch', 'SoftMatch', 'AdaMatch']))
    expect(CONFIG_FIELD_DOCS['algorithm.emaMomentum'].startsWith(`${readers.slice(0, -1).join(', ')} and ${readers[readers.length - 1]}: `)).toBe(true)
    const field = algorithmSettingFields().find((f) => f.key === 'emaMomentum')!
    expect(field.help?.en.startsWith(`${readers.join(', ')}: `)).toBe(true)
    expect(readersOf('unsupWarmup').map((d) => d.name)).toContain('pseudolabel')
  })

  it("keeps the config's JSON: today's algorithm keys first, in today's order, and a config written before the registry loads", () => {
    const keys = Object.keys(requireValidConfig(quick).algorithm)
    const today = ['name', 'threshold', 'temperature', 'lambdaU', 'unsupWarmup', 'emaMomentum', 'fairnessWeight', 'nSigma', 'distAlign', 'sharpenTemperature', 'gamma', 'rhoC', 'rhoMin', 'dashWarmup', 'udaTemperature', 'udaCutoff', 'tsaSchedule']
    expect(keys.slice(0, today.length)).toEqual(today)
    expect(keys).toEqual(['name', ...Object.keys(COMMON_SETTINGS), ...ALGORITHM_DEFINITIONS.flatMap(ownKeys)])
    // examples/mnist-flexmatch.json, written before the registry: no setting beyond lambda_u.
    const example = { ...quick, algorithm: { name: 'flexmatch', threshold: 0.95, temperature: 1, lambdaU: 1 } }
    const loaded = requireValidConfig(example)
    expect(loaded.algorithm).toMatchObject({ name: 'flexmatch', threshold: 0.95, temperature: 1, lambdaU: 1, unsupWarmup: 0.4, tsaSchedule: 'none' })
    expect(() => requireValidConfig({ ...example, algorithm: { ...example.algorithm, notASetting: 1 } })).toThrow(/notASetting/)
  })
  it('the comparison preset says what it runs, in the app and in the presets list: every SSL algorithm and Pseudo-Label\'s own steps', () => {
    const preset = findPreset('algorithm-comparison-quick-mnist')!
    const variants = algorithmComparison(preset.config)
    const longest = Math.max(...variants.map((v) => v.steps)).toLocaleString('en')
    for (const description of [preset.description, experimentMessages.en.presets['algorithm-comparison-quick-mnist'].description]) {
      for (const name of COMPARISON_ALGORITHMS.filter((a) => !isBound(a))) expect(description).toContain(ALGORITHM_TITLES[name])
      expect(description).toContain(`${preset.config.steps.toLocaleString('en')} steps`)
      expect(description).toContain(`(${longest})`)
    }
  })
})
