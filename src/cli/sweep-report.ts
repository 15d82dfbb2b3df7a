// What `npm run sweep` prints: a line per run event, and the closing table with the grid
// comparison (mean ± std over seeds).
import type { RunEvent } from '../node/sweep/local-executor'
import { countStates, type SweepManifest } from '../shared/sweep-manifest'
import { formatMeanStd, reportedTestAcc, summarizeGrid, type RunResult } from '../shared/sweep-results'

const pct = (v: number | null): string => (v === null ? '-' : `${(100 * v).toFixed(1)}%`)
const clock = (): string => new Date().toISOString().slice(11, 19)

export function formatEvent(event: RunEvent, total: number): string {
  const { run } = event
  return `${clock()} [${run.index + 1}/${total}] ${run.name}: ${run.state}${event.detail && event.detail !== run.state ? ` - ${event.detail}` : ''}`
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n')
}

export function formatSweepReport(manifest: SweepManifest, results: Map<number, RunResult | null>, dir: string): string {
  const rows = [['run', 'state', 'job', 'exit', 'step', 'plAccAll', 'mask', 'test acc']]
  for (const run of manifest.runs) {
    const r = results.get(run.index) ?? null
    rows.push([
      run.name,
      run.schedulerState && run.schedulerState !== run.state.toUpperCase() ? `${run.state} (${run.schedulerState})` : run.state,
      run.jobId ?? '-',
      run.exitCode === null ? '-' : `${run.exitCode}${run.signal ? `:${run.signal}` : ''}`,
      r ? `${r.step}/${r.totalSteps}` : '-',
      pct(r?.plAccAll ?? null),
      pct(r?.maskRate ?? null),
      pct(r ? reportedTestAcc(r) : null)
    ])
  }
  const counts = Object.entries(countStates(manifest.runs)).map(([state, n]) => `${n} ${state}`).join(', ')
  const lines = [`Sweep "${manifest.spec.name}": ${manifest.runs.length} runs (${counts})`, table(rows)]
  const points = summarizeGrid(manifest.runs.map((run) => ({ index: run.index, values: run.values, result: results.get(run.index) ?? null })))
  if (points.length < manifest.runs.length) {
    const grid = [['grid point', 'runs', 'test acc', 'plAccAll', 'mask']]
    for (const p of points) grid.push([p.label, String(p.runIndices.length), formatMeanStd(p.testAcc, p.runIndices.length), formatMeanStd(p.plAccAll, p.runIndices.length), formatMeanStd(p.maskRate, p.runIndices.length)])
    lines.push('', 'Mean ± std over seeds (test acc: EMA model; plAccAll, mask: last 50 steps):', table(grid))
  }
  lines.push('', `Sweep folder: ${dir}`)
  return lines.join('\n')
}
