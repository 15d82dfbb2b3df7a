// Reads an oracle-ablation study's session folders into the records of the shared summary
// (src/shared/analysis/ablation-summary.ts). For the app's side (issue 27): a single session
// reads with readAblationRunRecord(sessionDir), whatever folder layout holds it (a sweep's
// runs, too); a headless study's folder OUT (ablation-study.json, OUT/<mode>/seed-<s>) reads
// whole with readAblationStudy(OUT).
import { join } from 'node:path'
import { confusionMatrix } from '../../shared/analysis/confusion'
import { summarizeAblationStudy, type AblationRunRecord, type AblationStudySummary } from '../../shared/analysis/ablation-summary'
import { ablationOf } from '../../shared/config/ablation'
import { ABLATION_STUDY_FILE, AblationStudyPlanSchema, ablationStudyRuns, type AblationStudyPlan, type AblationStudyRun } from '../../shared/config/ablation-study'
import { AppError } from '../../shared/errors'
import type { EvalRecord, SweepRecord } from '../../shared/metrics'
import { counts } from '../../shared/pseudo-label-rule'
import { readSampleSnapshot, readSessionFolder, readSweepArrays } from '../session/session-reader'
import { assertNoSymlinkBelow, entryKind, readUntrustedText } from '../session/untrusted-fs'

/** A plan is a config and a few lists: far below this. */
const PLAN_MAX_BYTES = 1 << 20

/** confusion[true][pseudo] of the wrong pseudo-labels that count under the sweep's own rule. */
async function confidentWrongConfusion(dir: string, sweep: SweepRecord, numClasses: number): Promise<number[][] | null> {
  try {
    const { pseudoLabel, confidence } = await readSweepArrays(dir, sweep.step, sweep.model)
    const { trueLabel } = await readSampleSnapshot(dir, sweep.step)
    const rule = sweep.rule ?? { kind: 'threshold' as const, threshold: sweep.thresholds[0] ?? 0.95 }
    return confusionMatrix(trueLabel, pseudoLabel, numClasses, (i) => pseudoLabel[i] !== trueLabel[i] && counts(rule, confidence[i], pseudoLabel[i]))
  } catch {
    return null
  }
}

const classAccuracy = (e: EvalRecord | undefined): (number | null)[] | null => e?.emaClassTestAcc ?? e?.classTestAcc ?? null

/** One session as a study record; its mode and seed come from its own session.json. */
export async function readAblationRunRecord(sessionDir: string): Promise<AblationRunRecord> {
  const folder = await readSessionFolder(sessionDir)
  const { config, status } = folder.manifest
  const mode = ablationOf(config).mode
  const lastSweep = folder.sweeps.at(-1)
  const numClasses = folder.metrics[0]?.classPseudo.length ?? 0
  return {
    mode,
    seed: config.seed,
    status,
    evals: folder.evals.map((e) => ({ step: e.step, testAcc: e.testAcc, emaTestAcc: e.emaTestAcc })),
    confidentWrong: folder.metrics.map((m) => ({ step: m.step, count: m.confidentWrong })),
    plAccAll: folder.metrics.filter((m) => Number.isFinite(m.plAccAll)).map((m) => ({ step: m.step, value: m.plAccAll })),
    classTestAcc: classAccuracy(folder.evals.at(-1)),
    // Only the normal run's confusion is shown; reading the others' arrays would cost for nothing.
    confidentWrongConfusion: mode === 'none' && lastSweep && numClasses > 0 ? await confidentWrongConfusion(sessionDir, lastSweep, numClasses) : null
  }
}

export async function readAblationStudyPlan(studyDir: string): Promise<AblationStudyPlan> {
  const path = join(studyDir, ABLATION_STUDY_FILE)
  let raw: unknown
  try {
    // The folder may be someone else's: no symlink, no FIFO, a size cap.
    raw = JSON.parse(await readUntrustedText(path, PLAN_MAX_BYTES))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new AppError('not-found', `${studyDir} holds no ablation study (no ${ABLATION_STUDY_FILE})`, { path })
    if (error instanceof AppError) throw error
    throw new AppError('session-corrupt', `${path} cannot be read (${(error as Error).message})`, { path })
  }
  const parsed = AblationStudyPlanSchema.safeParse(raw)
  if (!parsed.success) throw new AppError('session-corrupt', `${path} is not a valid study plan (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`, { path })
  return parsed.data
}

export interface AblationStudyContents {
  plan: AblationStudyPlan
  runs: (AblationStudyRun & { dir: string; record: AblationRunRecord | null })[]
  /** The runs' records that have evaluated: what the summary reads. */
  measured: AblationRunRecord[]
  summary: AblationStudySummary
}

/** Every planned run that has measured something; a missing, unreadable or symlinked folder reads as null. */
export async function readAblationStudy(studyDir: string): Promise<AblationStudyContents> {
  const plan = await readAblationStudyPlan(studyDir)
  const runs = await Promise.all(
    ablationStudyRuns(plan).map(async (run) => {
      const dir = join(studyDir, run.folder)
      const record = await readRecord(studyDir, dir)
      return { ...run, dir, record }
    })
  )
  const measured = runs.map((r) => r.record).filter((r): r is AblationRunRecord => r !== null && r.evals.length > 0)
  return { plan, runs, measured, summary: summarizeAblationStudy(measured) }
}

async function readRecord(studyDir: string, dir: string): Promise<AblationRunRecord | null> {
  try {
    await assertNoSymlinkBelow(studyDir, dir)
    if ((await entryKind(dir)) !== 'folder') return null
    return await readAblationRunRecord(dir)
  } catch {
    return null
  }
}
