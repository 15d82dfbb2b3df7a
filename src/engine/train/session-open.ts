// Opens the session folder a run writes: a new one, one the caller prepared (session.json
// written, never run), or an existing one to resume.
import { readdir } from 'node:fs/promises'
import * as tf from '@tensorflow/tfjs'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { MANIFEST_FILE } from '../../node/session/layout'
import { runtimeVersions } from '../../node/session/runtime-versions'
import { SessionWriter } from '../../node/session/session-writer'

/** The training process's versions: main's, which created a folder the app prepared, lack tfjs. */
const trainingVersions = (): Record<string, string> => runtimeVersions({ tfjs: tf.version.tfjs })

// A run's writer holds the folder's lock: a second run on the same folder is refused.
const RUN_WRITER = { lock: true } as const

/** For a resume: the torn-tail repair waits for truncateAfterStep, after every check passed. */
export function openSession(dir: string): Promise<SessionWriter> {
  return SessionWriter.open(dir, { ...RUN_WRITER, repairTail: false })
}

export async function openOrCreateSession(dir: string, config: ExperimentConfig): Promise<SessionWriter> {
  const entries = await readdir(dir).catch(() => [] as string[])
  if (entries.includes(MANIFEST_FILE)) {
    const writer = await SessionWriter.open(dir, RUN_WRITER)
    if (writer.manifest.segments.length === 0) {
      await writer.updateManifest({ config, versions: { ...writer.manifest.versions, ...trainingVersions() } })
      return writer
    }
    await writer.close()
    // Fall through: create() refuses a folder that already holds a run.
  }
  return SessionWriter.create(dir, { name: config.name || config.dataset.id, config, versions: trainingVersions() }, RUN_WRITER)
}
