// The end-of-run summary printed by the CLI.
import type { BackendReport } from '../shared/backends'
import { describeAdapter, type GpuAdapter } from '../shared/gpu-adapter'
import type { EvalRecord, StepMetrics, SweepRecord } from '../shared/metrics'
import type { RuleKind } from '../shared/pseudo-label-rule'
import { amount, formatDuration, usedLabel, windowStats, wrongLabel } from './progress'

export interface RunSummaryInput {
  status: 'finished' | 'stopped'
  step: number
  totalSteps: number
  backend: BackendReport | null
  lastEval: EvalRecord | null
  lastSweep: SweepRecord | null
  /** The last steps of the run (the summary window). */
  recent: readonly StepMetrics[]
  confidentWrongTotal: number
  wallSec: number
  imagesPerSec: number
  sessionDir: string
  /** Names the used fraction: maskRate, or meanWeight for SoftMatch. */
  ruleKind?: RuleKind
}

/** Steps the summary's window figures cover (the last ones of the run). */
export const SUMMARY_WINDOW = 50

const pct = (v: number | null | undefined): string => (v === null || v === undefined || Number.isNaN(v) ? '-' : `${(100 * v).toFixed(2)}%`)

export function formatSummary(s: RunSummaryInput): string {
  const w = windowStats(s.recent)
  const used = usedLabel(s.ruleKind ?? 'threshold')
  const wrong = wrongLabel(s.ruleKind ?? 'threshold').padEnd(17)
  const lines = [
    `${s.status === 'finished' ? 'Finished' : 'Stopped'} at step ${s.step}/${s.totalSteps}` +
      (s.backend ? ` on ${s.backend.name} (${s.backend.device})` : ''),
    `  test accuracy      raw ${pct(s.lastEval?.testAcc)}  EMA ${pct(s.lastEval?.emaTestAcc)}` +
      (s.lastEval ? `  (step ${s.lastEval.step}, ${s.lastEval.testSamples} images)` : ''),
    `  last ${s.recent.length} steps      plAccAll ${pct(w.plAccAll)}  ${used} ${pct(w.maskRate)}  plAccMasked ${pct(w.plAccMasked)}`,
    `  ${wrong}  ${amount(w.confidentWrong)} in the last ${s.recent.length} steps, ${amount(s.confidentWrongTotal)} over this run` +
      (s.lastSweep ? `; full sweep at step ${s.lastSweep.step}: ${amount(s.lastSweep.confidentWrong)} of ${s.lastSweep.samples}` : ''),
    s.lastSweep
      ? `  full sweep (${s.lastSweep.model})   plAccAll ${pct(s.lastSweep.plAccAll)}  ${used} ${pct(s.lastSweep.maskRate)}  plAccMasked ${pct(s.lastSweep.plAccMasked)}`
      : null,
    `  time               ${formatDuration(s.wallSec)} (${s.wallSec.toFixed(1)} s), ${s.imagesPerSec.toFixed(0)} images/s`,
    `  session            ${s.sessionDir}`
  ]
  return lines.filter((l): l is string => l !== null).join('\n')
}

/** The GPU adapter line printed at the start of a webgpu run. */
export function formatAdapter(adapter: GpuAdapter): string {
  const limits = Object.entries(adapter.limits).map(([name, value]) => `${name}=${value}`).join(' ')
  return `GPU adapter: ${describeAdapter(adapter)}${adapter.software ? ' [software]' : ''}; requested limits: ${limits}`
}
