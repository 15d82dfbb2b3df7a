// The closing table of `npm run experiment -- --compare-algorithms`: one row per algorithm,
// final test accuracy and the last full sweep's pseudo-label figures under each one's rule.
import type { AlgorithmName } from '../shared/config/experiment-config'
import { ALGORITHM_TITLES } from '../shared/config/algorithm-variants'
import type { EvalRecord, SweepRecord } from '../shared/metrics'
import { ALGORITHM_RULE_KIND } from '../shared/pseudo-label-rule'

export interface ComparisonRow {
  algorithm: AlgorithmName
  status: 'finished' | 'stopped' | 'failed'
  lastEval: EvalRecord | null
  lastSweep: SweepRecord | null
  sessionDir: string
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : `${(100 * v).toFixed(2)}%`)
const amount = (v: number | undefined): string => (v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(1))

export function formatComparison(rows: readonly ComparisonRow[]): string {
  const header = ['algorithm', 'test raw', 'test EMA', 'plAccAll', 'mask rate / mean weight', 'plAccMasked', 'confident-wrong', 'status']
  const body = rows.map((r) => {
    const weights = ALGORITHM_RULE_KIND[r.algorithm] === 'weights'
    const s = r.lastSweep
    return [
      ALGORITHM_TITLES[r.algorithm],
      pct(r.lastEval?.testAcc),
      pct(r.lastEval?.emaTestAcc),
      pct(s?.plAccAll),
      s ? `${pct(s.maskRate)}${weights ? ' (mean weight)' : ''}` : '-',
      pct(s?.plAccMasked),
      s ? `${amount(s.confidentWrong)}${weights ? ' (weight)' : ''} of ${s.samples}` : '-',
      r.status
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  const sweepStep = rows.find((r) => r.lastSweep)?.lastSweep
  return [
    `Algorithm comparison (pseudo-label figures: last full sweep${sweepStep ? `, ${sweepStep.model} model, step ${sweepStep.step}` : ''}; each under its own rule)`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
    ...rows.map((r) => `  ${ALGORITHM_TITLES[r.algorithm]}: ${r.sessionDir}`)
  ].join('\n')
}
