// What the run manager itself writes to a session folder: the folder at start, and the
// status when a run ends without its worker (queued and stopped, or crashed). The worker
// writes everything else.
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import type { SessionStatus } from '../../shared/sessions'
import { closeSegment, withStatus } from '../../node/session/manifest-edits'
import { SessionWriter, readManifest, updateManifest } from '../../node/session/session-writer'
import { claimNewFolder } from '../../node/session/writer-files'
import { slugify, timestampSlug } from './session-store-ids'

/** Creates `<sessionsDir>/<time>_<name>[-n]/` with its session.json; returns the folder. */
export async function createRunSession(
  sessionsDir: string,
  config: ExperimentConfig,
  versions: Record<string, string>,
  now: number
): Promise<string> {
  const base = `${timestampSlug(now)}_${slugify(config.name || config.dataset.id)}`
  const dir = await claimNewFolder(sessionsDir, base)
  await SessionWriter.create(dir, { name: config.name || base, config, versions, now })
  return dir
}

/** Ends the open segment (if any) at `step` with the status, for a run whose worker cannot. */
export async function markSessionStatus(
  dir: string,
  status: SessionStatus,
  error: { code: string; message: string } | null,
  now: number,
  step: number
): Promise<void> {
  await updateManifest(dir, (manifest) => {
    const open = manifest.segments.at(-1)?.endedAt === null
    const next = open ? closeSegment(manifest, step, status, error, now) : { ...withStatus(manifest, status), error }
    return { ...next, updatedAt: now }
  })
}

export interface ResumePoint {
  config: ExperimentConfig
  checkpointStep: number | null
}

export async function readResumePoint(dir: string): Promise<ResumePoint> {
  const manifest = await readManifest(dir)
  return { config: manifest.config, checkpointStep: manifest.checkpointStep }
}
