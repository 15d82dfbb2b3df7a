// The algorithm comparison preset: every algorithm on N training seeds of the config's split,
// submitted as one sweep (sweeps:submit: the run queue here, Slurm the same way), then the
// Sweeps view showing it compared.
import type { AlgorithmName, ExperimentConfig } from '../../../shared/config/experiment-config'
import { comparisonSeeds } from '../../../shared/config/algorithm-variants'
import type { SweepSummary } from '../../../shared/sweep-view'
import { go } from '../stores/navigation'
import { startSweepsStore, submitSweep } from '../stores/sweeps-store'

/** The sweep's name from the run's: what a sweep name may hold, or a plain default. */
export function comparisonSweepName(config: ExperimentConfig): string {
  const slug = (config.name || config.dataset.id).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '').slice(0, 80)
  return slug || 'algorithm-comparison'
}

/** One sweep of names.length × seeds runs; main refuses a bad config before any run starts. */
export async function startAlgorithmComparison(config: ExperimentConfig, names: readonly AlgorithmName[], seeds: number, executor: 'local' | 'slurm' = 'local'): Promise<SweepSummary> {
  // Followed live from here on, even before the Sweeps view was ever opened.
  startSweepsStore()
  const summary = await submitSweep({
    name: comparisonSweepName(config),
    // The data folder is main's to set.
    config: { ...config, dataset: { id: config.dataset.id } },
    grid: { seed: comparisonSeeds(config, seeds) },
    algorithms: [...names],
    executor
  })
  go('sweeps')
  return summary
}
