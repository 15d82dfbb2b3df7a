// An algorithm-comparison sweep compared: each run's session folder read (its metrics, evals
// and full sweeps) into the shared summary and bands, the same numbers the CLI prints.
import { comparisonBands, type SweepComparison } from '../../shared/analysis/comparison-bands'
import type { ComparisonRunInput } from '../../shared/analysis/comparison-run'
import { summarizeComparison } from '../../shared/analysis/comparison-summary'
import { AppError } from '../../shared/errors'
import type { SweepManifest, SweepRunEntry } from '../../shared/sweep-manifest'
import { readSessionFolder } from '../session/session-reader'
import { assertNoSymlinkBelow, entryKind } from '../session/untrusted-fs'
import { runSessionDir } from './sweep-folder'

/** A run's records; null before its session exists, or when its folder is no real one inside the sweep. */
async function readRun(sweepDir: string, run: SweepRunEntry): Promise<ComparisonRunInput | null> {
  const sessionDir = runSessionDir(sweepDir, run)
  try {
    await assertNoSymlinkBelow(sweepDir, sessionDir)
    if ((await entryKind(sessionDir)) !== 'folder') return null
    const folder = await readSessionFolder(sessionDir)
    if (folder.metrics.length === 0 && folder.evals.length === 0) return null
    // The run's own config says its algorithm and seed (sweep.json's copy is what was asked).
    const config = run.config
    return { algorithm: config.algorithm.name, seed: config.seed, status: run.state, metrics: folder.metrics, evals: folder.evals, sweeps: folder.sweeps }
  } catch {
    return null
  }
}

export async function readSweepComparison(sweepDir: string, manifest: SweepManifest): Promise<SweepComparison> {
  if (!manifest.spec.algorithms) {
    throw new AppError('invalid-config', `sweep ${manifest.spec.name} is not an algorithm comparison (its spec names no algorithms)`)
  }
  const inputs: ComparisonRunInput[] = []
  for (const run of manifest.runs) {
    const input = await readRun(sweepDir, run)
    if (input) inputs.push(input)
  }
  return { summary: summarizeComparison(inputs), bands: comparisonBands(inputs), runs: manifest.runs.length, measured: inputs.length }
}
