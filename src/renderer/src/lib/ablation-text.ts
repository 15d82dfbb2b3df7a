// The study's words and table cells, from the shared summary: the final table per mode, which
// classes lose most, and what was measured and how sure it is, in the current language (the
// summary carries a structured verdict; the CLI says it in English).
import { ablationVerdict, type AblationModeSummary, type AblationStudySummary, type PairedCost } from '../../../shared/analysis/ablation-summary'
import { isOracle, type AblationMode } from '../../../shared/config/ablation'
import type { Translate } from './chart-text'
import { formatPoints } from './comparison-text'
import { formatNumber, formatPercent } from './format'

export interface AblationRow {
  mode: AblationMode
  label: string
  oracle: boolean
  seeds: number
  testAcc: string
  emaTestAcc: string
  /** accuracy(mode) − accuracy(none) at the end with its interval; '–' for none itself. */
  cost: string
}

/** Points with a sign: +1.23, −0.40. */
export function signedPoints(v: number, locale: string): string {
  return `${v < 0 ? '−' : '+'}${formatPoints(Math.abs(v), locale)}`
}

const pctStats = (s: AblationModeSummary['testAcc'], locale: string): string => (s && s.n > 0 ? `${formatPercent(s.mean, 2, locale)} ± ${formatPercent(s.std, 2, locale)}` : '–')

/** "+1.23 [+0.40, +2.06]", or without an interval for one seed. */
export function costCell(p: PairedCost | null, locale: string): string {
  if (!p) return '–'
  const interval = p.low !== null && p.high !== null ? ` [${signedPoints(p.low, locale)}, ${signedPoints(p.high, locale)}]` : ''
  return `${signedPoints(p.cost, locale)}${interval}`
}

export function ablationRows(summary: AblationStudySummary, labels: Readonly<Record<AblationMode, string>>, locale: string): AblationRow[] {
  return summary.modes.map((m) => ({
    mode: m.mode,
    label: labels[m.mode],
    oracle: isOracle(m.mode),
    seeds: m.seeds.length,
    testAcc: pctStats(m.testAcc, locale),
    emaTestAcc: pctStats(m.emaTestAcc, locale),
    cost: m.mode === 'none' ? '–' : costCell(summary.costs.find((c) => c.mode === m.mode)?.final ?? null, locale)
  }))
}

/** The classes the wrong pseudo-labels cost most (largest oracle-mask − none), at most `count`, costliest first. */
export function costliestClasses(summary: AblationStudySummary, classNames: readonly string[], count = 3): { name: string; cost: number }[] {
  const perClass = summary.costs.find((c) => c.mode === 'oracle-mask')?.perClass ?? []
  return perClass
    .map((cost, c) => ({ name: classNames[c] ?? String(c), cost }))
    .filter((x): x is { name: string; cost: number } => x.cost !== null && x.cost > 0)
    .sort((a, b) => b.cost - a.cost)
    .slice(0, count)
}

/** What was measured and how sure it is, in plain words: one paragraph per sentence. */
export function ablationVerdictText(summary: AblationStudySummary, seeds: number, t: Translate, locale: string): string[] {
  const by = t(`ablation.rankedBy.${summary.rankedBy}`)
  const level = formatPercent(summary.level, 0, locale)
  const out = [t('ablation.verdict.measured', { seeds, by, level })]
  const mask = ablationVerdict(summary, 'oracle-mask')
  if (!mask) return [...out, t('ablation.verdict.waiting')]
  const params = { step: formatNumber(mask.step, locale), points: signedPoints(mask.cost, locale), n: mask.seeds, level }
  if (summary.confidentWrong.every((p) => p.mean === 0)) out.push(t('ablation.verdict.nothingWrong'))
  if (mask.low === null || mask.high === null) out.push(t('ablation.verdict.oneSeed', params))
  else if (mask.cost === 0 && mask.low === mask.high) out.push(t('ablation.verdict.same', params))
  else {
    const interval = { ...params, low: signedPoints(mask.low, locale), high: signedPoints(mask.high, locale) }
    out.push(t(mask.apart ? (mask.cost > 0 ? 'ablation.verdict.costs' : 'ablation.verdict.helps') : 'ablation.verdict.unsure', interval))
  }
  const correct = ablationVerdict(summary, 'oracle-correct')
  if (correct) out.push(t('ablation.verdict.correct', { points: signedPoints(correct.cost, locale), interval: costCell(correct, locale) }))
  return out
}
