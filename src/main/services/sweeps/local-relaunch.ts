// How a resubmitted local run of the app's sweep starts again, by the rule every runner follows
// (decideSessionLaunch): from its session's checkpoint; afresh when it left none (a run stopped
// while queued, or before its first checkpoint), its old folder moved aside and kept; not at
// all when it already trained every step. A study stopped part-way resumes whole.
import { decideSessionLaunch } from '../../../node/session/session-launch'
import { runSessionDir } from '../../../node/sweep/sweep-folder'
import type { RunInfo } from '../../../shared/runs'
import type { SweepRunEntry } from '../../../shared/sweep-manifest'
import type { RunManager } from '../run-manager'

/** The started run, or null when its session is already done. */
export async function relaunchLocalRun(runs: RunManager, sweepDir: string, run: SweepRunEntry, now: number = Date.now()): Promise<RunInfo | null> {
  const session = runSessionDir(sweepDir, run)
  const launch = await decideSessionLaunch(session, now)
  if (launch.kind === 'done') return null
  if (launch.kind === 'resume') return runs.continueSession({ sessionDir: session })
  return runs.startInFolder(session, run.config)
}
