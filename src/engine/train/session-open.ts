// Opens the session folder a run writes: a new one, one the caller prepared (session.json
// written, never run), or an existing one to resume.
import { readdir } from 'node:fs/promises'
import * as tf from '@tensorflow/tfjs'
import { version as APP_VERSION } from '../../../package.json'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { MANIFEST_FILE } from '../../node/session/layout'
import { SessionWriter } from '../../node/session/session-writer'

export function runtimeVersions(): Record<string, string> {
  return { pseudoscope: APP_VERSION, tfjs: tf.version.tfjs, node: process.versions.node }
}

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
      await writer.updateManifest({ config })
      return writer
    }
    await writer.close()
    // Fall through: create() refuses a folder that already holds a run.
  }
  return SessionWriter.create(dir, { name: config.name || config.dataset.id, config, versions: runtimeVersions() }, RUN_WRITER)
}
