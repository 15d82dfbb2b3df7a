// An algorithm-comparison sweep compared: each run's session folder read (its metrics, evals
// and full sweeps) into the shared summary and bands, the same numbers the CLI prints.
import { comparisonBands, type SweepComparison } from '../../shared/analysis/comparison-bands'
import type { ComparisonRunInput } from '../../shared/analysis/comparison-run'
import { summarizeComparison } from '../../shared/analysis/comparison-summary'
import { AppError } from '../../shared/errors'
import type { SweepManifest } from '../../shared/sweep-manifest'
import { readSessionFolder } from '../session/session-reader'
import { readMeasuredRuns } from './measured-runs'

export async function readSweepComparison(sweepDir: string, manifest: SweepManifest): Promise<SweepComparison> {
  if (!manifest.spec.algorithms) {
    throw new AppError('invalid-config', `sweep ${manifest.spec.name} is not an algorithm comparison (its spec names no algorithms)`)
  }
  // A run counts once its session has written metrics or evals.
  const inputs = await readMeasuredRuns<ComparisonRunInput>(sweepDir, manifest, async (sessionDir, run) => {
    const folder = await readSessionFolder(sessionDir)
    if (folder.metrics.length === 0 && folder.evals.length === 0) return null
    // The run's own config says its algorithm and seed (sweep.json's copy is what was asked).
    return { algorithm: run.config.algorithm.name, seed: run.config.seed, status: run.state, metrics: folder.metrics, evals: folder.evals, sweeps: folder.sweeps }
  })
  return { summary: summarizeComparison(inputs), bands: comparisonBands(inputs), runs: manifest.runs.length, measured: inputs.length }
}
