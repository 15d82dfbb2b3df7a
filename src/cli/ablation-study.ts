// `npm run experiment -- --ablation-study`: none, oracle-mask and oracle-correct on N training
// seeds of one config, one session after another under OUT/<mode>/seed-<s>, the plan in
// OUT/ablation-study.json; then the table. --resume OUT continues every run that is not
// finished (a stopped one from its checkpoint, one never started or killed before its first
// checkpoint from the beginning, its old folder kept aside: decideSessionLaunch).
import { join } from 'node:path'
import { ablationStudyPlan, ablationStudyRuns, ABLATION_STUDY_FILE, type AblationStudyPlan } from '../shared/config/ablation-study'
import type { ExperimentConfig } from '../shared/config/experiment-config'
import { shellQuote } from '../shared/shell-quote'
import { atomicWriteFile } from '../node/session/atomic'
import { makeFolders } from '../node/session/make-folders'
import { readManifest } from '../node/session/manifest-file'
import { decideSessionLaunch } from '../node/session/session-launch'
import { readAblationStudy, readAblationStudyPlan } from '../node/study/ablation-study-read'
import { formatAblationStudy } from './ablation-table'
import { UsageError } from './args'

export interface StudyDeps {
  /** One session with progress and Ctrl-C handling (experiment.ts's runSession). */
  runSession(config: ExperimentConfig, dir: string, resume: boolean): Promise<{ exitCode: number; failed?: boolean }>
  write(text: string): void
}

/** A new study under `parent`; refused when the folder already holds one or any of its runs. */
export async function startAblationStudy(base: ExperimentConfig, seeds: number, parent: string, deps: StudyDeps): Promise<number> {
  const plan = ablationStudyPlan(base, seeds)
  if (await readAblationStudyPlan(parent).catch(() => null)) {
    throw new UsageError(`--out: ${parent} already holds an ablation study; continue it with --ablation-study --resume ${shellQuote(parent)}, or choose another --out`)
  }
  for (const run of ablationStudyRuns(plan)) {
    const existing = await readManifest(join(parent, run.folder)).catch(() => null)
    if (existing && existing.segments.length > 0) throw new UsageError(`--out: ${join(parent, run.folder)} already holds a session; choose another --out`)
  }
  await makeFolders(parent).catch((error: unknown) => {
    throw new UsageError(`--out: ${(error as Error).message}`)
  })
  await atomicWriteFile(join(parent, ABLATION_STUDY_FILE), `${JSON.stringify(plan, null, 2)}\n`)
  return runStudy(plan, parent, deps, false)
}

export async function resumeAblationStudy(parent: string, deps: StudyDeps): Promise<number> {
  const plan = await readAblationStudyPlan(parent).catch((error: unknown) => {
    throw new UsageError(`--resume: ${(error as Error).message}`)
  })
  return runStudy(plan, parent, deps, true)
}

async function runStudy(plan: AblationStudyPlan, parent: string, deps: StudyDeps, resuming: boolean): Promise<number> {
  const runs = ablationStudyRuns(plan)
  deps.write(
    `ORACLE ABLATION STUDY: what do wrong pseudo-labels cost? ${resuming ? 'Resuming' : 'Running'} ${plan.modes.join(', ')} on one split (split seed ${plan.config.split.seed}), ` +
      `training seeds ${plan.seeds.join(', ')}: ${runs.length} sessions under ${parent}. The oracle runs train on hidden true labels (a diagnostic experiment, not a method).\n`
  )
  let failed = 0
  for (const run of runs) {
    const dir = join(parent, run.folder)
    const launch = await decideSessionLaunch(dir)
    if (launch.kind === 'done') {
      deps.write(`${run.folder}: finished (${launch.manifest.config.steps} steps)\n`)
      continue
    }
    if (launch.kind === 'start' && launch.note) deps.write(`${run.folder}: ${launch.note}\n`)
    const resume = launch.kind === 'resume'
    const result = await deps.runSession(resume ? launch.manifest.config : run.config, dir, resume)
    const exitCode = result.exitCode
    if (result.failed === true) failed++
    // Ctrl-C or SIGTERM: the current session is checkpointed; the others do not start.
    if (exitCode !== 0) {
      await printTable(parent, deps)
      deps.write(`Resume the study with: npm run experiment -- --ablation-study --resume ${shellQuote(parent)}\n`)
      return exitCode
    }
  }
  await printTable(parent, deps)
  return failed > 0 ? 1 : 0
}

async function printTable(parent: string, deps: StudyDeps): Promise<void> {
  const { summary } = await readAblationStudy(parent)
  deps.write(`\n${formatAblationStudy(summary)}\n`)
}
