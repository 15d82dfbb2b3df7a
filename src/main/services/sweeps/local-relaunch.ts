// How a resubmitted local run of the app's sweep starts again, by the rule the headless sweep
// runner follows (planRunLaunch): from its session's checkpoint; afresh when it left none (a
// run stopped while queued, or before its first checkpoint), its old folder moved aside and
// kept; not at all when it already trained every step. A study stopped part-way resumes whole.
import { rename, stat } from 'node:fs/promises'
import { sessionPaths } from '../../../node/session/layout'
import { planRunLaunch } from '../../../node/sweep/run-launch'
import { runSessionDir } from '../../../node/sweep/sweep-folder'
import type { RunInfo } from '../../../shared/runs'
import type { SweepRunEntry } from '../../../shared/sweep-manifest'
import type { RunManager } from '../run-manager'

/** The started run, or null when its session is already done. */
export async function relaunchLocalRun(runs: RunManager, sweepDir: string, run: SweepRunEntry, now: number = Date.now()): Promise<RunInfo | null> {
  const session = runSessionDir(sweepDir, run)
  const plan = await planRunLaunch(sweepDir, run, now)
  if (plan.kind === 'done') return null
  if (plan.kind === 'resume') return runs.continueSession({ sessionDir: session })
  // planRunLaunch starts afresh beside a folder that never trained; the app's writer needs it gone.
  if (await stat(sessionPaths(session).manifest).catch(() => null)) {
    await rename(session, `${session}.abandoned-${new Date(now).toISOString().replace(/[-:.]/g, '')}`)
  }
  return runs.startInFolder(session, run.config)
}
