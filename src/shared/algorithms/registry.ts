// Every algorithm the app knows, one line each. The config schema, the titles, the rule kinds,
// the presets' defaults, the comparison recipes, the config reference, the form and its labels
// and the engine's strategies are derived from this list (see definition.ts); registering an
// algorithm is its module's `definition` and one line here. The SSL algorithms come first in
// the config's `algorithm.name` in this order, then the bounds.
import type { PseudoLabelRule, RuleKind } from '../pseudo-label-rule'
import { COMMON_SETTINGS, type AlgorithmRefusal, type CommonSettingKey, type CommonSettings, type RunShape, type StrategyContext } from './definition'
import type { MaskStrategy } from './mask-strategy'
import { definition as adamatch } from './adamatch'
import { definition as dash } from './dash'
import { definition as defixmatch } from './defixmatch'
import { definition as emathreshold } from './emathreshold'
import { definition as fixmatch } from './fixmatch'
import { definition as flexmatch } from './flexmatch'
import { definition as freematch } from './freematch'
import { definition as fullysupervised } from './fullysupervised'
import { definition as meanteacher } from './meanteacher'
import { definition as pimodel } from './pimodel'
import { definition as pseudolabel } from './pseudolabel'
import { definition as softmatch } from './softmatch'
import { definition as supervised } from './supervised'
import { definition as uda } from './uda'

export const ALGORITHM_DEFINITIONS = [
  fixmatch,
  flexmatch,
  pseudolabel,
  freematch,
  softmatch,
  dash,
  adamatch,
  uda,
  defixmatch,
  pimodel,
  meanteacher,
  emathreshold,
  supervised,
  fullysupervised
] as const

export type AlgorithmDefinitions = (typeof ALGORITHM_DEFINITIONS)[number]
export type AlgorithmName = AlgorithmDefinitions['name']
/** USB's baselines, the bounds of a comparison: no unlabeled batch, no pseudo-labels. */
export type BoundName = Extract<AlgorithmDefinitions, { bound: true }>['name']
export type SslAlgorithmName = Exclude<AlgorithmName, BoundName>

/** The SSL algorithms, in registry order. */
export const SSL_ALGORITHMS: readonly SslAlgorithmName[] = ALGORITHM_DEFINITIONS.filter((d) => !d.bound).map((d) => d.name as SslAlgorithmName)
/** The bounds, in registry order. */
export const BOUNDS: readonly BoundName[] = ALGORITHM_DEFINITIONS.filter((d) => d.bound).map((d) => d.name as BoundName)
/** Every algorithm: the SSL ones, then the bounds (the order of the config's enum and the docs). */
export const ALGORITHMS = [...SSL_ALGORITHMS, ...BOUNDS] as unknown as readonly [AlgorithmName, ...AlgorithmName[]]

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never
/** Every algorithm's own settings shape, merged (the config's `algorithm` object holds them all). */
export type AlgorithmSettingsShape = UnionToIntersection<AlgorithmDefinitions['settings']>
export type AlgorithmSettingKey = keyof AlgorithmSettingsShape & string

function mergedSettings(): AlgorithmSettingsShape {
  const shape: Record<string, unknown> = {}
  for (const d of ALGORITHM_DEFINITIONS) {
    for (const [key, schema] of Object.entries(d.settings)) {
      if (key in shape || key in COMMON_SETTINGS || key === 'name') throw new Error(`algorithm setting ${key} of ${d.name} is declared twice`)
      shape[key] = schema
    }
  }
  return shape as AlgorithmSettingsShape
}

/** The algorithms' own settings, in registry order (after the common ones in `algorithm`). */
export const ALGORITHM_SETTINGS: AlgorithmSettingsShape = mergedSettings()

const BY_NAME = new Map<string, AlgorithmDefinitions>(ALGORITHM_DEFINITIONS.map((d) => [d.name, d]))
if (BY_NAME.size !== ALGORITHM_DEFINITIONS.length) throw new Error('two algorithm definitions share a name')

export function definitionOf(name: AlgorithmName): AlgorithmDefinitions {
  const definition = BY_NAME.get(name)
  if (!definition) throw new Error(`no algorithm named ${name}`)
  return definition
}

/** Whether the algorithm is a bound: no pseudo-labels, no unlabeled batch. */
export function isBound(name: AlgorithmName): name is BoundName {
  return definitionOf(name).bound
}

/** Whether the algorithm trains on every training label (an oracle bound). */
export function isOracleBound(name: AlgorithmName): boolean {
  return definitionOf(name).oracle === true
}

const table = <T>(value: (d: AlgorithmDefinitions) => T): Record<AlgorithmName, T> =>
  Object.fromEntries(ALGORITHM_DEFINITIONS.map((d) => [d.name, value(d)])) as Record<AlgorithmName, T>

/** The algorithms' English names (run names, the CLI, the docs). */
export const ALGORITHM_TITLES: Record<AlgorithmName, string> = table((d) => d.title.en)
/** The algorithms' names in each language of the app. */
export const ALGORITHM_TITLES_BY_LANGUAGE = { en: ALGORITHM_TITLES, ko: table((d) => d.title.ko) }

/** The kind of rule each algorithm publishes. */
export const ALGORITHM_RULE_KIND: Record<AlgorithmName, RuleKind> = table((d) => d.ruleKind)

/**
 * Whether a run trains Lu on soft targets under this rule (UDA always; Dash while its rule
 * sharpens), so the UI can say that its pseudo-label is the target's argmax.
 */
export function softTargets(name: AlgorithmName, rule: PseudoLabelRule): boolean {
  const soft = definitionOf(name).softTargets
  return soft === 'always' || (soft === 'while-sharpening' && rule.kind === 'threshold' && rule.sharpen !== undefined)
}

/** The threshold a run's rule starts from, before it publishes one (UDA's own p_cutoff). */
export function configThreshold(algorithm: { name: AlgorithmName; threshold: number }): number {
  const own = definitionOf(algorithm.name).configThreshold as ((settings: typeof algorithm) => number) | undefined
  return own ? own(algorithm) : algorithm.threshold
}

/** Why the config cannot run its algorithm (the definition's refusal), or null. */
export function algorithmRefusal(config: RunShape & { algorithm: CommonSettings & { name: AlgorithmName } }): AlgorithmRefusal | null {
  const refusal = definitionOf(config.algorithm.name).refusal as ((c: typeof config) => AlgorithmRefusal | null) | undefined
  return refusal ? refusal(config) : null
}

/** The strategy of a run's algorithm, from the config's `algorithm` object. */
export function createStrategy(algorithm: CommonSettings & { name: AlgorithmName }, context: StrategyContext): MaskStrategy {
  const create = definitionOf(algorithm.name).createStrategy as (settings: typeof algorithm, context: StrategyContext) => MaskStrategy
  return create(algorithm, context)
}

/** The algorithms that read a common setting, in registry order. */
export function readersOf(setting: CommonSettingKey): AlgorithmDefinitions[] {
  return ALGORITHM_DEFINITIONS.filter((d) => (d.reads as readonly string[]).includes(setting))
}
