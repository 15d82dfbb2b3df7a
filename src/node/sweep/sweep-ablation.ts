// An oracle-ablation sweep (its spec names ablations) read as one study: each run's session
// folder read by the study reader (src/node/study) into the shared summary, the same numbers
// `npm run experiment -- --ablation-study` prints.
import { summarizeAblationStudy, type AblationRunRecord } from '../../shared/analysis/ablation-summary'
import { AppError } from '../../shared/errors'
import type { SweepAblation } from '../../shared/sweep-ablation'
import type { SweepManifest } from '../../shared/sweep-manifest'
import { readAblationRunRecord } from '../study/ablation-study-read'
import { readMeasuredRuns } from './measured-runs'

export async function readSweepAblation(sweepDir: string, manifest: SweepManifest): Promise<SweepAblation> {
  if (!manifest.spec.ablations) {
    throw new AppError('invalid-config', `sweep ${manifest.spec.name} is not an ablation study (its spec names no ablations)`)
  }
  // A run counts once it has evaluated.
  const records = await readMeasuredRuns<AblationRunRecord>(sweepDir, manifest, async (sessionDir, run) => {
    const record = await readAblationRunRecord(sessionDir)
    return record.evals.length > 0 ? { ...record, status: run.state } : null
  })
  const seeds = [...new Set(manifest.runs.map((r) => r.config.seed))].sort((a, b) => a - b)
  const datasetId = manifest.runs[0]?.config.dataset.id ?? 'mnist'
  return { summary: summarizeAblationStudy(records), runs: manifest.runs.length, measured: records.length, seeds, datasetId }
}
