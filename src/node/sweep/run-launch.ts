// How one run of a sweep (re)starts: the headless runner's arguments, fresh or from the
// session's checkpoint. Both executors use it: the local one before spawning a runner, a
// Slurm task on its node (src/cli/sweep-task.ts), so a resubmitted run continues its session.
import { rename, stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { resumeRefusal } from '../../shared/resume-rule'
import { lockHolder } from '../session/session-lock'
import { sessionPaths } from '../session/layout'
import { readManifest } from '../session/manifest-file'
import { runConfigPath, runSessionDir } from './sweep-folder'

export type RunLaunch =
  | { kind: 'start' | 'resume'; args: string[]; note: string | null }
  /** The session trained all its steps: nothing to run. */
  | { kind: 'done'; args: []; note: string }

/** `npm run experiment` arguments for the run, given what its session folder holds now. */
export async function planRunLaunch(sweepDir: string, run: { name: string }, now: number = Date.now()): Promise<RunLaunch> {
  const session = runSessionDir(sweepDir, run)
  const fresh = (note: string | null): RunLaunch => ({ kind: 'start', args: ['--config', runConfigPath(sweepDir, run), '--out', session], note })
  // No folder, or one the runner made but died before its manifest: a fresh start.
  if (!(await stat(sessionPaths(session).manifest).catch(() => null))) return fresh(null)
  const manifest = await readManifest(session).catch((error: Error) => error)
  if (manifest instanceof Error) {
    // An unreadable session is kept for inspection, never overwritten.
    const aside = await moveAside(session, now)
    return fresh(`its session folder could not be read (${manifest.message}); moved it to ${aside} and started again`)
  }
  const refusal = resumeRefusal({ checkpointStep: manifest.checkpointStep, plannedSteps: manifest.config.steps, requestedSteps: null })
  if (refusal === null) return { kind: 'resume', args: ['--resume', session], note: `resuming from its checkpoint at step ${manifest.checkpointStep}` }
  if (manifest.checkpointStep !== null) return { kind: 'done', args: [], note: `its session is finished (step ${manifest.checkpointStep} of ${manifest.config.steps})` }
  if (manifest.segments.length === 0) return fresh(null)
  // It trained but left no checkpoint (killed before its first one): start over beside it.
  const aside = await moveAside(session, now)
  return fresh(`it left no checkpoint to continue from; moved its folder to ${aside} and started again`)
}

async function moveAside(dir: string, now: number): Promise<string> {
  const holder = await lockHolder(dir)
  if (holder) throw new AppError('conflict', `${dir} is in use by process ${holder.pid} on ${holder.host}; stop that run first`, { path: dir })
  const aside = `${dir}.abandoned-${new Date(now).toISOString().replace(/[-:.]/g, '')}`
  await rename(dir, aside)
  return aside
}
