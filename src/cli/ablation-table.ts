// The closing table of `npm run experiment -- --ablation-study`: final test accuracy per mode
// (mean ± std over seeds), the cost of wrong pseudo-labels (oracle-mask − none, paired by
// seed) and of not correcting them (oracle-correct − none), each with its 95% t interval, and
// one line in words. The numbers come from src/shared/analysis/ablation-summary.ts.
import type { AblationStudySummary, PairedCost } from '../shared/analysis/ablation-summary'
import type { Stats } from '../shared/analysis/comparison-summary'
import { ablationLabel, type AblationMode } from '../shared/config/ablation'

const pct = (s: Stats | null): string => (s === null ? '-' : s.n > 1 ? `${(100 * s.mean).toFixed(2)} ± ${(100 * s.std).toFixed(2)}%` : `${(100 * s.mean).toFixed(2)}%`)
const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(2)}`
const interval = (c: PairedCost): string => (c.low === null || c.high === null ? 'no interval (1 seed)' : `[${pts(c.low)}, ${pts(c.high)}]`)

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)]
}

const COST_TITLES: Partial<Record<AblationMode, string>> = {
  'oracle-mask': 'cost of wrong pseudo-labels (oracle-mask − none)',
  'oracle-correct': 'correcting them instead (oracle-correct − none)'
}

/** What was measured and how sure it is, in one sentence. */
export function costInWords(cost: PairedCost | null, accuracy: string): string {
  if (cost === null) return 'The study has no seed on which both none and oracle-mask evaluated: no cost to report yet.'
  const size = `${pts(cost.cost)} points of final ${accuracy} test accuracy`
  if (cost.low === null || cost.high === null) return `Dropping the wrong pseudo-labels that pass the rule changed ${size} on 1 seed; with one seed there is no interval, so this says nothing yet.`
  const range = `95% interval ${pts(cost.low)} to ${pts(cost.high)} points over ${cost.seeds} paired seeds`
  if (!cost.apart) return `Dropping the wrong pseudo-labels that pass the rule changed ${size} (${range}): the seeds cannot tell this from no change.`
  return cost.cost > 0
    ? `The wrong pseudo-labels that pass the rule cost ${size.slice(1)} (${range}): training without them is better, and the seeds tell it apart.`
    : `Dropping the wrong pseudo-labels that pass the rule lost ${size.slice(1)} (${range}): they helped more than they hurt here, and the seeds tell it apart.`
}

export function formatAblationStudy(summary: AblationStudySummary): string {
  const accuracy = summary.rankedBy === 'emaTestAcc' ? 'EMA' : 'raw'
  const rows = summary.modes.map((m) => [ablationLabel({ mode: m.mode, noiseRate: 0 }), String(m.seeds.length), pct(m.testAcc), pct(m.emaTestAcc)])
  const costRows = summary.costs
    .filter((c) => c.final !== null)
    .map((c) => {
      const f = c.final as PairedCost
      return [COST_TITLES[c.mode] ?? `${c.mode} − none`, `${f.step}`, String(f.seeds), pts(f.cost), interval(f), f.low === null ? 'not tested' : f.apart ? 'apart from 0' : 'cannot tell from 0']
    })
  const wrong = summary.confidentWrong.reduce((sum, p) => sum + p.mean, 0)
  const mask = summary.costs.find((c) => c.mode === 'oracle-mask')?.final ?? null
  return [
    `Oracle ablation study (a diagnostic experiment: the oracle runs read the hidden true labels). Final test accuracy, mean ± std over training seeds on one split:`,
    ...table(['mode', 'seeds', 'test raw', 'test EMA'], rows),
    '',
    `Paired by seed, final ${accuracy} test accuracy, in points, with the 95% t interval of the mean difference:`,
    ...table(['difference', 'step', 'seeds', 'mean', '95% interval', 'verdict'], costRows),
    '',
    `The normal run (none) let ${wrong.toFixed(1)} wrong pseudo-labels that count into its unlabeled loss over ${summary.confidentWrong.length} steps (mean over seeds; SoftMatch: their weight).`,
    `  ${costInWords(mask, accuracy)}`
  ].join('\n')
}
