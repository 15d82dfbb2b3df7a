// The pseudo-label browser's view state: kept outside the component so the dashboard can
// save it with the session (ui.json) and other views can point the browser somewhere.
import { reactive } from 'vue'
import type { UiState } from '../../../shared/sessions'
import { defaultFilter, restoreFilter, SAMPLE_SORTS, type SampleFilter, type SampleSort } from '../lib/sample-filter'

export const browser = reactive({
  filter: defaultFilter() as SampleFilter,
  sort: 'index' as SampleSort,
  /** Position in the filtered, sorted list. */
  cursor: -1,
  /** Snapshot shown; null = the latest. */
  snapshotStep: null as number | null,
  detailOpen: false
})

export const chartPrefs = reactive({ smoothing: 0.6, xAxis: 'step' as 'step' | 'time' })

export function uiStateNow(view: string): UiState {
  return {
    view,
    chart: { smoothing: chartPrefs.smoothing, xAxis: chartPrefs.xAxis },
    browser: {
      filter: { ...browser.filter },
      sort: browser.sort,
      selectedIndex: browser.cursor,
      snapshotStep: browser.snapshotStep
    }
  }
}

/** Restores what a session saved; unknown or malformed parts keep their defaults. */
export function applyUiState(ui: UiState, threshold: number): void {
  if (ui.chart?.smoothing !== undefined) chartPrefs.smoothing = ui.chart.smoothing
  if (ui.chart?.xAxis) chartPrefs.xAxis = ui.chart.xAxis
  const saved = ui.browser
  browser.filter = restoreFilter(saved?.filter, threshold)
  browser.sort = (SAMPLE_SORTS as readonly string[]).includes(saved?.sort ?? '') ? (saved!.sort as SampleSort) : 'index'
  browser.cursor = saved?.selectedIndex ?? -1
  browser.snapshotStep = saved?.snapshotStep ?? null
  browser.detailOpen = false
}
