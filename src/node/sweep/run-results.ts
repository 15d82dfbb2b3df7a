// A run's measures and curves, read from its session folder (null before the runner made it).
import type { EvalRecord, StepMetrics } from '../../shared/metrics'
import type { RunCurves } from '../../shared/sweep-view'
import { runResult, type RunResult } from '../../shared/sweep-results'
import { readEvals, readManifest, readMetrics } from '../session/session-reader'
import { assertNoSymlinkBelow, entryKind } from '../session/untrusted-fs'
import { runSessionDir } from './sweep-folder'

/** Points per curve sent to the app: enough for a chart line, small for IPC. */
const CURVE_POINTS = 200

function curve<T extends { step: number }>(records: readonly T[], value: (r: T) => number | null): [number, number][] {
  const stride = Math.max(1, Math.ceil(records.length / CURVE_POINTS))
  const out: [number, number][] = []
  for (let i = 0; i < records.length; i += stride) {
    // The last record always, so a curve ends where the run is.
    const r = records[Math.min(records.length - 1, i + stride - 1)]
    const v = value(r)
    if (v !== null && Number.isFinite(v)) out.push([r.step, v])
  }
  return out
}

export function runCurves(metrics: readonly StepMetrics[], evals: readonly EvalRecord[]): RunCurves {
  return {
    plAccAll: curve(metrics, (m) => m.plAccAll),
    maskRate: curve(metrics, (m) => m.maskRate),
    testAcc: evals.map((e) => [e.step, e.emaTestAcc ?? e.testAcc] as [number, number]).filter(([, v]) => Number.isFinite(v))
  }
}

/**
 * What a run's session folder measured; null while it has none, or when it is not a real
 * folder inside the sweep (a symlink elsewhere, a FIFO, damage): its files are never read then.
 */
export async function readRunView(sweepDir: string, run: { name: string }): Promise<{ result: RunResult; curves: RunCurves } | null> {
  const sessionDir = runSessionDir(sweepDir, run)
  try {
    await assertNoSymlinkBelow(sweepDir, sessionDir)
    if ((await entryKind(sessionDir)) !== 'folder') return null
    const manifest = await readManifest(sessionDir)
    const [metrics, evals] = [await readMetrics(sessionDir), await readEvals(sessionDir)]
    return { result: runResult(metrics, evals, manifest.config.steps), curves: runCurves(metrics, evals) }
  } catch {
    return null
  }
}

export async function readRunResult(sweepDir: string, run: { name: string }): Promise<RunResult | null> {
  return (await readRunView(sweepDir, run))?.result ?? null
}
