// What the algorithm charts show: the open session's per-class thresholds over time, and the
// quantity-quality paths of compared sessions. Pure builders in lib/; here only the wiring.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { SessionData } from '../../../shared/sessions'
import { ALGORITHM_RULE_KIND } from '../../../shared/algorithms/registry'
import { darkMode } from './use-theme'
import { chartText } from '../i18n/chart-text'
import { classThresholdLines, hasClassThresholds } from '../lib/class-thresholds'
import { distinctNames } from '../lib/compare'
import { qualityWindow, quantityQuality, quantityQualityOption } from '../lib/quantity-quality'
import { classNamesOf } from '../stores/class-names'
import { rawMetrics, session, sessionConfig } from '../stores/session-store'

export function useClassThresholds() {
  return computed(() => {
    void session.version // rawMetrics grows outside Vue's reactivity
    if (!hasClassThresholds(rawMetrics)) return []
    return classThresholdLines(rawMetrics, classNamesOf(sessionConfig.value?.dataset.id))
  })
}

export function useQuantityQuality(sessions: () => readonly SessionData[]) {
  const { t } = useI18n()
  const window = computed(() => qualityWindow(Math.max(1, ...sessions().map((s) => s.metrics.length))))
  const option = computed(() => {
    const list = sessions()
    if (list.length === 0) return null
    const names = distinctNames(list.map((s) => s.summary.name || s.summary.id))
    const runs = list.map((s, i) => ({ name: names[i], points: quantityQuality(s.metrics, window.value) }))
    return quantityQualityOption(runs, darkMode.value, chartText())
  })
  /** "Mask rate / mean weight" when a SoftMatch session is among them. */
  const usedName = computed(() =>
    sessions().some((s) => ALGORITHM_RULE_KIND[s.manifest.config.algorithm.name] === 'weights') ? t('algorithms.maskRateOrWeight') : null
  )
  return { option, window, usedName }
}
