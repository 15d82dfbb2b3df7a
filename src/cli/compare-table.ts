// The closing table of `npm run experiment -- --compare-algorithms`: one row per algorithm,
// mean ± std over its training seeds, then Welch's t for every pair and the verdict in words.
// The numbers come from src/shared/analysis/comparison-summary.ts, as in the compare view.
import type { ComparisonSummary, Stats } from '../shared/analysis/comparison-summary'
import { ALGORITHM_TITLES } from '../shared/config/algorithm-variants'
import { ALGORITHM_RULE_KIND } from '../shared/algorithms/registry'

const pct = (s: Stats | null): string => (s === null ? '-' : s.n > 1 ? `${(100 * s.mean).toFixed(2)} ± ${(100 * s.std).toFixed(2)}%` : `${(100 * s.mean).toFixed(2)}%`)
const share = (v: number | null): string => (v === null ? '-' : `${(100 * v).toFixed(1)}%`)

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)]
}

export function formatComparison(summary: ComparisonSummary): string {
  const target = `${(100 * summary.targetAccuracy).toFixed(0)}%`
  const rows = summary.algorithms.map((a) => {
    const steps = a.stepsToTarget === null ? 'never' : `${Math.round(a.stepsToTarget.mean)}${a.stepsToTarget.n > 1 ? ` ± ${Math.round(a.stepsToTarget.std)}` : ''}`
    const early = a.worstEarlyShare ? `${share(a.worstEarlyShare.share)} @${a.worstEarlyShare.step} (seed ${a.worstEarlyShare.seed})` : '-'
    return [
      a.title,
      String(a.seeds.length),
      String(a.steps),
      pct(a.testAcc),
      pct(a.emaTestAcc),
      a.bound ? '-' : `${pct(a.maskRate)}${ALGORITHM_RULE_KIND[a.algorithm] === 'weights' ? ' (weight)' : ''}`,
      pct(a.plAccMasked),
      `${steps} (${a.reached}/${a.seeds.length})`,
      share(a.secondHalfTopShare),
      early,
      a.collapsedSeeds.length > 0 ? `seeds ${a.collapsedSeeds.join(', ')}` : 'none'
    ]
  })
  const header = ['algorithm', 'seeds', 'steps', 'test raw', 'test EMA', 'mask rate', 'masked PL acc', `steps to ${target}`, 'top class 2nd half', 'worst early share', 'collapsed']
  const pairRows = summary.pairs.map((p) => [
    `${ALGORITHM_TITLES[p.a]} - ${ALGORITHM_TITLES[p.b]}`,
    `${(100 * p.difference).toFixed(2)}`,
    p.t === null ? '-' : p.t.toFixed(2),
    p.df === null ? '-' : p.df.toFixed(1),
    p.p === null ? '-' : p.p.toPrecision(2),
    p.p === null ? 'not tested' : p.significant ? 'apart' : 'cannot tell'
  ])
  return [
    `Algorithm comparison: mean ± std over training seeds on one split. Mask rate and masked PL accuracy: last full sweep, each under its own rule; Fully supervised is an oracle (every training label).`,
    ...table(header, rows),
    '',
    `Welch's t on final ${summary.rankedBy === 'emaTestAcc' ? 'EMA ' : ''}test accuracy (difference in points, two-sided p, alpha ${summary.alpha}):`,
    ...table(['pair', 'difference', 't', 'df', 'p', 'verdict'], pairRows),
    '',
    ...summary.verdict.map((line) => `  ${line}`)
  ].join('\n')
}
