// An oracle-ablation sweep (its spec names ablations) read as one study: each run's session
// folder read by the study reader (src/node/study) into the shared summary, the same numbers
// `npm run experiment -- --ablation-study` prints.
import { summarizeAblationStudy, type AblationRunRecord } from '../../shared/analysis/ablation-summary'
import { AppError } from '../../shared/errors'
import type { SweepAblation } from '../../shared/sweep-ablation'
import type { SweepManifest, SweepRunEntry } from '../../shared/sweep-manifest'
import { readAblationRunRecord } from '../study/ablation-study-read'
import { assertNoSymlinkBelow, entryKind } from '../session/untrusted-fs'
import { runSessionDir } from './sweep-folder'

/** A run's record; null before it has evaluated, or when its folder is no real one inside the sweep. */
async function readRun(sweepDir: string, run: SweepRunEntry): Promise<AblationRunRecord | null> {
  const sessionDir = runSessionDir(sweepDir, run)
  try {
    await assertNoSymlinkBelow(sweepDir, sessionDir)
    if ((await entryKind(sessionDir)) !== 'folder') return null
    const record = await readAblationRunRecord(sessionDir)
    return record.evals.length > 0 ? { ...record, status: run.state } : null
  } catch {
    return null
  }
}

export async function readSweepAblation(sweepDir: string, manifest: SweepManifest): Promise<SweepAblation> {
  if (!manifest.spec.ablations) {
    throw new AppError('invalid-config', `sweep ${manifest.spec.name} is not an ablation study (its spec names no ablations)`)
  }
  const records: AblationRunRecord[] = []
  for (const run of manifest.runs) {
    const record = await readRun(sweepDir, run)
    if (record) records.push(record)
  }
  const seeds = [...new Set(manifest.runs.map((r) => r.config.seed))].sort((a, b) => a - b)
  const datasetId = manifest.runs[0]?.config.dataset.id ?? 'mnist'
  return { summary: summarizeAblationStudy(records), runs: manifest.runs.length, measured: records.length, seeds, datasetId }
}
