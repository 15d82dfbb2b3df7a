// The words and cells of the comparison table, from the shared ComparisonSummary: per algorithm
// mean ± std cells, and each pair's verdict said in the current language (the summary's own
// verdict strings are the CLI's English; the view reads their fields instead).
import type { AlgorithmSummary, ComparisonSummary, PairTest, Stats } from '../../../shared/analysis/comparison-summary'
import type { AlgorithmLabels } from './comparison-bands-option'
import type { Translate } from './chart-text'
import { formatNumber, formatPercent } from './format'

export interface ComparisonRow {
  algorithm: AlgorithmSummary['algorithm']
  label: string
  /** 'ssl', or which bound: the oracle trains on every label. */
  kind: 'ssl' | 'bound' | 'oracle'
  seeds: number
  /** Steps its runs trained, in the locale's digits. */
  steps: string
  testAcc: string
  emaTestAcc: string
  maskRate: string
  plAccMasked: string
  stepsToTarget: string
  collapsed: string
}

const pctStats = (s: Stats | null, locale: string): string => (s && s.n > 0 ? `${formatPercent(s.mean, 1, locale)} ± ${formatPercent(s.std, 1, locale)}` : '–')

export function comparisonRows(summary: ComparisonSummary, labels: AlgorithmLabels, t: Translate, locale: string): ComparisonRow[] {
  return summary.algorithms.map((a) => {
    const n = a.seeds.length
    const steps = a.stepsToTarget && a.reached > 0 ? `${formatNumber(Math.round(a.stepsToTarget.mean), locale)} ± ${formatNumber(Math.round(a.stepsToTarget.std), locale)}` : '–'
    return {
      algorithm: a.algorithm,
      label: labels[a.algorithm],
      kind: a.oracle ? 'oracle' : a.bound ? 'bound' : 'ssl',
      seeds: n,
      steps: formatNumber(a.steps, locale),
      testAcc: pctStats(a.testAcc, locale),
      emaTestAcc: pctStats(a.emaTestAcc, locale),
      maskRate: pctStats(a.maskRate, locale),
      plAccMasked: pctStats(a.plAccMasked, locale),
      stepsToTarget: t('comparison.reached', { steps, reached: a.reached, n }),
      collapsed: a.collapsedSeeds.length === 0 ? '–' : a.collapsedSeeds.join(', ')
    }
  })
}

/** A difference of accuracies in points: 2 decimals. */
export const formatPoints = (difference: number, locale: string): string =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(100 * difference)

/** "= 0.49", or "< 0.001" where two digits would read 0.0. */
export const formatP = (p: number): string => (p < 0.001 ? '< 0.001' : `= ${p.toPrecision(2)}`)

/** Welch's t, or a dash where it was not tested. */
export const formatT = (t: number | null, locale: string): string => (t === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(t))

/** One pair in words: which is ahead and whether the seeds can tell them apart. */
export function pairVerdict(pair: PairTest, labels: AlgorithmLabels, t: Translate, locale: string): string {
  const points = formatPoints(Math.abs(pair.difference), locale)
  if (pair.p === null) return t('comparison.verdict.untested', { a: labels[pair.a], b: labels[pair.b] })
  const p = formatP(pair.p)
  if (!pair.significant) return t('comparison.verdict.together', { a: labels[pair.a], b: labels[pair.b], points, p })
  const [hi, lo] = pair.difference >= 0 ? [pair.a, pair.b] : [pair.b, pair.a]
  return t('comparison.verdict.apart', { hi: labels[hi], lo: labels[lo], points, p })
}

/** The opening sentence: how many pairs the seeds tell apart at the summary's alpha. */
export function verdictHeadline(summary: ComparisonSummary, t: Translate): string {
  const apart = summary.pairs.filter((p) => p.significant).length
  const together = summary.pairs.filter((p) => !p.significant && p.p !== null).length
  const untested = summary.pairs.length - apart - together
  return t(untested > 0 ? 'comparison.verdict.headlineUntested' : 'comparison.verdict.headline', { alpha: summary.alpha, apart, together, untested, total: summary.pairs.length })
}

/** Pairs the seeds tell apart first, then those they cannot, then the untested. */
export function orderedPairs(summary: ComparisonSummary): PairTest[] {
  const rank = (p: PairTest): number => (p.significant ? 0 : p.p !== null ? 1 : 2)
  return [...summary.pairs].sort((a, b) => rank(a) - rank(b))
}
