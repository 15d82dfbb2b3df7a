// A pseudo-label rule (shared/pseudo-label-rule) in words, in the current language.
import type { PseudoLabelRule } from '../../../shared/pseudo-label-rule'
import { formatNumber } from './format'
import { t } from './index'

export function ruleText(rule: PseudoLabelRule): string {
  if (rule.kind === 'threshold' && rule.sharpen !== undefined) return t('algorithms.rule.softLoss', { threshold: formatNumber(Math.round(rule.threshold * 1000) / 1000) })
  // A threshold at 0 passes every sample: Pi-Model's and Mean Teacher's absent mask.
  if (rule.kind === 'threshold' && rule.threshold === 0) return t('algorithms.rule.noMask')
  if (rule.kind === 'threshold') return t('algorithms.rule.threshold', { threshold: rule.threshold })
  if (rule.kind === 'class-thresholds') return t('algorithms.rule.classThresholds')
  return t('algorithms.rule.weights', { mean: formatNumber(Math.round(rule.mean * 1000) / 1000) })
}

/**
 * The one cut a plain threshold rule applies to every sample's max probability, to 4 decimals:
 * FixMatch's tau, or a cut that moves as the guide example's EMA does; null where the rule reads
 * another confidence (AdaMatch's aligned one, Dash's soft-target loss) or cuts per class.
 */
export function ruleCut(rule: PseudoLabelRule): number | null {
  if (rule.kind !== 'threshold' || rule.alignment || rule.sharpen !== undefined) return null
  return Math.round(rule.threshold * 10_000) / 10_000
}
