// A session's list entry, cheaply: the manifest, the evals log (one line per eval) and
// only the tail of metrics.jsonl (which can hold a million lines).
import type { FileHandle } from 'node:fs/promises'
import { ablationOf, isOracle } from '../../shared/config/ablation'
import type { EvalRecord } from '../../shared/metrics'
import type { SessionManifest, SessionSummary } from '../../shared/sessions'
import { sessionPaths } from '../../node/session/layout'
import { openUntrustedFile } from '../../node/session/untrusted-fs'

const TAIL_BYTES = 64 * 1024

export function summarize(
  id: string,
  path: string,
  manifest: SessionManifest,
  evals: readonly EvalRecord[],
  lastStep: number
): SessionSummary {
  let best: number | null = null
  for (const record of evals) {
    for (const acc of [record.testAcc, record.emaTestAcc]) if (acc !== null && (best === null || acc > best)) best = acc
  }
  return {
    id,
    path,
    name: manifest.name,
    datasetId: manifest.config.dataset.id,
    algorithm: manifest.config.algorithm.name,
    status: manifest.status,
    createdAt: manifest.createdAt,
    updatedAt: manifest.updatedAt,
    lastStep,
    totalSteps: manifest.config.steps,
    bestTestAcc: best,
    checkpointStep: manifest.checkpointStep,
    ...(isOracle(ablationOf(manifest.config).mode) ? { ablation: ablationOf(manifest.config).mode } : {})
  }
}

/**
 * The step of the last whole record in metrics.jsonl, 0 when there is none. A symlink or a
 * FIFO in its place is refused (session-corrupt) without blocking.
 */
export async function lastMetricsStep(dir: string): Promise<number> {
  let handle: FileHandle
  try {
    handle = await openUntrustedFile(sessionPaths(dir).metrics)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, TAIL_BYTES)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    const lines = buffer.toString('utf8').split('\n')
    // The first piece may be cut by the window and the last may be torn: try from the end.
    for (let i = lines.length - 1; i >= 1 || (i === 0 && length === size); i--) {
      const step = stepOf(lines[i])
      if (step !== null) return step
    }
    return 0
  } finally {
    await handle.close()
  }
}

function stepOf(line: string | undefined): number | null {
  if (!line || line.trim() === '') return null
  try {
    const value: unknown = JSON.parse(line)
    if (typeof value === 'object' && value !== null && 'step' in value && typeof value.step === 'number') return value.step
  } catch {
    // torn or cut line
  }
  return null
}
