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
