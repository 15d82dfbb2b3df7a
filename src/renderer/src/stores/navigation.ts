// Which view is shown and which session the dashboard and browser look at.
import { ref } from 'vue'
import type { ViewName } from '../lib/views'
import type { SampleFilter } from '../lib/sample-filter'

export const currentView = ref<ViewName>('datasets')
/** The session the Runs dashboard and the Samples browser show (a live run has one too). */
export const currentSessionId = ref<string | null>(null)
/** A filter another view asks the browser to apply (e.g. a confusion-matrix cell). */
export const pendingBrowserFilter = ref<Partial<SampleFilter> | null>(null)
/** Sessions the Sessions view should pick for comparison (the algorithm comparison preset sets them). */
export const compareSessionIds = ref<string[] | null>(null)

export function go(view: ViewName): void {
  currentView.value = view
}

export function openSession(sessionId: string, view: ViewName = 'runs'): void {
  currentSessionId.value = sessionId
  currentView.value = view
}

export function openBrowserWith(filter: Partial<SampleFilter>): void {
  pendingBrowserFilter.value = filter
  currentView.value = 'samples'
}
