// The algorithm comparison preset: one run per algorithm on the config's split and seed,
// queued through the run manager, then the Sessions view comparing them.
import type { AlgorithmName, ExperimentConfig } from '../../../shared/config/experiment-config'
import { algorithmComparison } from '../../../shared/config/algorithm-variants'
import { startRun } from '../stores/app-store'
import { compareSessionIds, go } from '../stores/navigation'

/** Starts every run before showing any, so a refusal (bad config) leaves nothing half-queued to find. */
export async function startAlgorithmComparison(config: ExperimentConfig, names: readonly AlgorithmName[]): Promise<string[]> {
  const ids: string[] = []
  for (const variant of algorithmComparison(config, names)) ids.push((await startRun(variant)).sessionId)
  compareSessionIds.value = ids
  go('sessions')
  return ids
}
