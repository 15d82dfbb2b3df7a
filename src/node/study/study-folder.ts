// A headless study's folder, picked by the user in main's dialog and read as untrusted input
// (readAblationStudy: the plan through readUntrustedText, each run through the session reader,
// symlinked or missing runs left out), into what the study view shows.
import { basename } from 'node:path'
import type { StudyFolder } from '../../shared/study-folder'
import { readAblationStudy } from './ablation-study-read'

export async function readStudyFolder(studyDir: string): Promise<StudyFolder> {
  const { plan, runs, measured, summary } = await readAblationStudy(studyDir)
  return { name: basename(studyDir), summary, runs: runs.length, measured: measured.length, seeds: plan.seeds, datasetId: plan.config.dataset.id }
}
