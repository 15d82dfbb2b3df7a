// One config per algorithm (and training seed) for a comparison on the same split: only the
// algorithm, what USB's own recipe changes with it (a definition's recipe: Pseudo-Label's uratio 1) and the training
// seed differ. split.seed never changes, so every run sees the same labeled images.
import { ALGORITHM_TITLES, definitionOf } from '../algorithms/registry'
import type { AlgorithmName, ExperimentConfig } from './experiment-config'

/** The algorithms' English names (from their definitions). */
export { ALGORITHM_TITLES }

/**
 * What the app's comparison preset runs: every published SSL algorithm the engine follows USB
 * in, and the two bounds. A researcher's own algorithm joins it with a line here; headless, any
 * registered one runs with `--compare-algorithms --algorithms NAME,...`.
 */
export const COMPARISON_ALGORITHMS = [
  'fixmatch',
  'flexmatch',
  'pseudolabel',
  'freematch',
  'softmatch',
  'dash',
  'adamatch',
  'uda',
  'defixmatch',
  'pimodel',
  'meanteacher',
  'supervised',
  'fullysupervised'
] as const satisfies readonly AlgorithmName[]

/** Training seeds a comparison runs by default: enough for a mean ± std and Welch's t. */
export const DEFAULT_COMPARISON_SEEDS = 3

/** The config with `name` as its algorithm and its recipe; split, seed, model and optimizer unchanged. */
export function withAlgorithm(config: ExperimentConfig, name: AlgorithmName): ExperimentConfig {
  const out = structuredClone(config)
  out.algorithm.name = name
  // USB's own recipe for the algorithm (its definition's `recipe`): e.g. Pseudo-Label's uratio 1.
  const recipe = definitionOf(name).recipe
  if (recipe?.mu !== undefined) out.batch.mu = recipe.mu
  if (recipe?.lambdaU !== undefined) out.algorithm.lambdaU = recipe.lambdaU
  if (recipe?.stepsFactor !== undefined) out.steps = Math.round(config.steps * recipe.stepsFactor)
  out.name = `${config.name || config.dataset.id} · ${ALGORITHM_TITLES[name]}`
  return out
}

/** The comparison's own steps of a run withAlgorithm made: its steps undone by its recipe's stepsFactor. */
export function comparisonSteps(config: ExperimentConfig): number {
  return Math.round(config.steps / (definitionOf(config.algorithm.name).recipe?.stepsFactor ?? 1))
}

/** The configs of an algorithm comparison on one seed, in the order of `names`. */
export function algorithmComparison(config: ExperimentConfig, names: readonly AlgorithmName[] = COMPARISON_ALGORITHMS): ExperimentConfig[] {
  return names.map((name) => withAlgorithm(config, name))
}

/** The training seeds of a comparison: the config's seed and the next ones. */
export function comparisonSeeds(config: ExperimentConfig, count: number = DEFAULT_COMPARISON_SEEDS): number[] {
  return Array.from({ length: count }, (_, k) => config.seed + k)
}

export interface ComparisonRun {
  algorithm: AlgorithmName
  seed: number
  config: ExperimentConfig
}

/**
 * Every algorithm on every training seed, all on the config's split; seed-major, so a
 * comparison cut short still holds every algorithm on its first seeds.
 */
export function comparisonRuns(config: ExperimentConfig, names: readonly AlgorithmName[] = COMPARISON_ALGORITHMS, seeds: number = DEFAULT_COMPARISON_SEEDS): ComparisonRun[] {
  const variants = algorithmComparison(config, names)
  return comparisonSeeds(config, seeds).flatMap((seed) =>
    variants.map((variant) => ({
      algorithm: variant.algorithm.name,
      seed,
      config: { ...variant, seed, name: seeds > 1 ? `${variant.name} · seed ${seed}` : variant.name }
    }))
  )
}
