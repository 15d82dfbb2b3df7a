// A run's measures, read from its session folder (null before the runner made it).
import { runResult, type RunResult } from '../../shared/sweep-results'
import { readEvals, readManifest, readMetrics } from '../session/session-reader'
import { runSessionDir } from './sweep-folder'

export async function readRunResult(sweepDir: string, run: { name: string }): Promise<RunResult | null> {
  const dir = runSessionDir(sweepDir, run)
  try {
    const manifest = await readManifest(dir)
    return runResult(await readMetrics(dir), await readEvals(dir), manifest.config.steps)
  } catch {
    return null
  }
}
