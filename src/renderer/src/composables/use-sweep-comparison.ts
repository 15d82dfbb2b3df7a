// The selected sweep's algorithm comparison (sweeps:comparison), refreshed as its runs step on
// (main reads every run's records for it). The chart option, table rows and verdicts are
// computed here from the pure builders in lib/.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { ALGORITHMS, type AlgorithmName } from '../../../shared/config/experiment-config'
import type { SweepDetail } from '../../../shared/sweep-view'
import { api } from '../api/client'
import { chartText } from '../i18n/chart-text'
import { comparisonBandsOption, bandLegend, type AlgorithmLabels } from '../lib/comparison-bands-option'
import { comparisonRows, orderedPairs, pairVerdict, verdictHeadline } from '../lib/comparison-text'
import { useSweepRead } from './use-sweep-read'
import { darkMode } from './use-theme'

export function useSweepComparison(detail: () => SweepDetail | null) {
  const { t, locale } = useI18n()
  const loader = useSweepRead(detail, (d) => !!d.manifest.spec.algorithms, (sweepId) => api.sweeps.comparison({ sweepId }))
  const labels = computed<AlgorithmLabels>(() => {
    void locale.value
    return Object.fromEntries(ALGORITHMS.map((a) => [a, t(`algorithms.name.${a}`)])) as Record<AlgorithmName, string>
  })
  const data = loader.data
  const option = computed(() => (data.value && data.value.bands.length > 0 ? comparisonBandsOption(data.value.bands, labels.value, darkMode.value, chartText()) : null))
  const legend = computed(() => (data.value ? bandLegend(data.value.bands, labels.value) : []))
  const rows = computed(() => (data.value ? comparisonRows(data.value.summary, labels.value, t, locale.value) : []))
  const pairs = computed(() => (data.value ? orderedPairs(data.value.summary).map((p) => ({ ...p, words: pairVerdict(p, labels.value, t, locale.value) })) : []))
  const headline = computed(() => (data.value ? verdictHeadline(data.value.summary, t) : ''))
  return { loader, data, labels, option, legend, rows, pairs, headline }
}
