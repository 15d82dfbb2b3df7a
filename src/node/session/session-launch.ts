// How a planned session (re)starts, given what its folder holds now: one rule for every runner
// that starts sessions it planned (the app's resubmitted sweep runs, a Slurm task on its node,
// `npm run sweep`, `--ablation-study --resume`). From its checkpoint when it has one; not at all
// when it trained every step; afresh otherwise, an old folder moved aside and kept (never
// deleted: it may hold what someone wants to inspect).
import { rename, stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { resumeRefusal } from '../../shared/resume-rule'
import type { SessionManifest } from '../../shared/sessions'
import { sessionPaths } from './layout'
import { readManifest } from './manifest-file'
import { lockHolder } from './session-lock'

export type SessionLaunch =
  /** No folder, or none that can be continued; `note` says what was moved aside. */
  | { kind: 'start'; note: string | null }
  | { kind: 'resume'; manifest: SessionManifest; note: string }
  /** The session trained all its steps: nothing to run. */
  | { kind: 'done'; manifest: SessionManifest; note: string }

export async function decideSessionLaunch(session: string, now: number = Date.now()): Promise<SessionLaunch> {
  // No folder, or one a runner made but died in before its manifest: nothing to keep.
  if (!(await stat(sessionPaths(session).manifest).catch(() => null))) return { kind: 'start', note: null }
  const manifest = await readManifest(session).catch((error: Error) => error)
  if (manifest instanceof Error) {
    const aside = await moveAside(session, now)
    return { kind: 'start', note: `its session folder could not be read (${manifest.message}); moved it to ${aside} and started again` }
  }
  const refusal = resumeRefusal({ checkpointStep: manifest.checkpointStep, plannedSteps: manifest.config.steps, requestedSteps: null })
  if (refusal === null) return { kind: 'resume', manifest, note: `resuming from its checkpoint at step ${manifest.checkpointStep}` }
  if (manifest.checkpointStep !== null) return { kind: 'done', manifest, note: `its session is finished (step ${manifest.checkpointStep} of ${manifest.config.steps})` }
  const aside = await moveAside(session, now)
  // A run stopped while queued never trained; one killed before its first checkpoint did.
  const why = manifest.segments.length === 0 ? 'it never trained' : 'it left no checkpoint to continue from'
  return { kind: 'start', note: `${why}; moved its folder to ${aside} and started again` }
}

async function moveAside(dir: string, now: number): Promise<string> {
  const holder = await lockHolder(dir)
  if (holder) throw new AppError('conflict', `${dir} is in use by process ${holder.pid} on ${holder.host}; stop that run first`, { path: dir })
  const aside = `${dir}.abandoned-${new Date(now).toISOString().replace(/[-:.]/g, '')}`
  await rename(dir, aside)
  return aside
}
