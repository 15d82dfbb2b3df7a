// The selected sweep's algorithm comparison (sweeps:comparison): read at once when the sweep
// or its runs' states change, at most every REFRESH_MS while they only step on (main reads
// every run's records for it). The chart option, table rows and verdicts are computed here
// from the pure builders in lib/.
import { computed, onUnmounted, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ALGORITHMS, type AlgorithmName } from '../../../shared/config/experiment-config'
import type { SweepDetail } from '../../../shared/sweep-view'
import { api } from '../api/client'
import { chartText } from '../i18n/chart-text'
import { comparisonBandsOption, bandLegend, type AlgorithmLabels } from '../lib/comparison-bands-option'
import { comparisonRows, orderedPairs, pairVerdict, verdictHeadline } from '../lib/comparison-text'
import { useLoader } from './use-loader'
import { darkMode } from './use-theme'

export const REFRESH_MS = 4000

export function useSweepComparison(detail: () => SweepDetail | null) {
  const { t, locale } = useI18n()
  const loader = useLoader((sweepId: string) => api.sweeps.comparison({ sweepId }))
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastId = ''
  let lastStates = ''
  let lastAt = 0

  watch(
    detail,
    (d) => {
      if (!d?.manifest.spec.algorithms) {
        lastId = ''
        loader.data.value = null
        return
      }
      const id = d.summary.id
      const states = d.manifest.runs.map((r) => r.state).join()
      if (id !== lastId) loader.data.value = null
      const now = id !== lastId || states !== lastStates
      lastId = id
      lastStates = states
      if (timer) clearTimeout(timer)
      timer = setTimeout(
        () => {
          timer = null
          lastAt = Date.now()
          void loader.run(id)
        },
        now ? 0 : Math.max(0, lastAt + REFRESH_MS - Date.now())
      )
    },
    { immediate: true }
  )
  onUnmounted(() => {
    if (timer) clearTimeout(timer)
  })

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
