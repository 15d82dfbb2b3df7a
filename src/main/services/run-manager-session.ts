// What the run manager itself writes to a session folder: the folder at start, and the
// status when a run ends without its worker (queued and stopped, or crashed). The worker
// writes everything else.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { AppError } from '../../shared/errors'
import type { SessionStatus } from '../../shared/sessions'
import { closeSegment, withStatus } from '../../engine/session/manifest-edits'
import { SessionWriter, readManifest, updateManifest } from '../../engine/session/session-writer'
import { slugify, timestampSlug } from './session-store-ids'

/** Creates `<sessionsDir>/<time>_<name>[-n]/` with its session.json; returns the folder. */
export async function createRunSession(
  sessionsDir: string,
  config: ExperimentConfig,
  versions: Record<string, string>,
  now: number
): Promise<string> {
  const base = `${timestampSlug(now)}_${slugify(config.name || config.dataset.id)}`
  await mkdir(sessionsDir, { recursive: true })
  for (let n = 1; n < 1000; n++) {
    const dir = join(sessionsDir, n === 1 ? base : `${base}-${n}`)
    // An exclusive mkdir claims the name, even against a run started in the same instant.
    try {
      await mkdir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw new AppError('io-error', `cannot create session folder ${dir}: ${(error as Error).message}`, { path: dir })
    }
    await SessionWriter.create(dir, { name: config.name || base, config, versions, now })
    return dir
  }
  throw new AppError('already-exists', `no free session folder name for ${base} in ${sessionsDir}`)
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
