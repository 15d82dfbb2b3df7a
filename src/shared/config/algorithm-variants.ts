// One config per algorithm for a comparison on the same split and seed: only the algorithm
// and what USB's own recipe changes with it (Pseudo-Label's uratio 1) differ.
import { ALGORITHMS, type AlgorithmName, type ExperimentConfig } from './experiment-config'

export const ALGORITHM_TITLES: Record<AlgorithmName, string> = {
  fixmatch: 'FixMatch',
  flexmatch: 'FlexMatch',
  pseudolabel: 'Pseudo-Label',
  freematch: 'FreeMatch',
  softmatch: 'SoftMatch'
}

/** The config with `name` as its algorithm; split, seed, model, optimizer and schedule unchanged. */
export function withAlgorithm(config: ExperimentConfig, name: AlgorithmName): ExperimentConfig {
  const out = structuredClone(config)
  out.algorithm.name = name
  // U pseudolabel config: uratio 1 (one weak unlabeled image per labeled one).
  if (name === 'pseudolabel') out.batch.mu = 1
  out.name = `${config.name || config.dataset.id} · ${ALGORITHM_TITLES[name]}`
  return out
}

/** The five configs of an algorithm comparison, in ALGORITHMS order. */
export function algorithmComparison(config: ExperimentConfig, names: readonly AlgorithmName[] = ALGORITHMS): ExperimentConfig[] {
  return names.map((name) => withAlgorithm(config, name))
}
