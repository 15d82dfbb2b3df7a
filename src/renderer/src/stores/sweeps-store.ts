// The Sweeps view's state: the list of sweeps, the one selected (refreshed while it runs:
// states from main, measures from its session folders), and the actions on it.
import { reactive, shallowRef } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import { isFinalRunState } from '../../../shared/sweep-manifest'
import type { SweepDetail, SweepSubmit, SweepSummary, UnreadableSweep } from '../../../shared/sweep-view'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'
import { once, track } from './lifecycle'
import { openSession } from './navigation'

/** While a run of the selected sweep is live, it is re-read this often. */
const LIVE_REFRESH_MS = 1500

export const sweepsState = reactive({
  items: [] as SweepSummary[],
  /** Folders whose sweep.json cannot be read: shown with why, never opened. */
  unreadable: [] as UnreadableSweep[],
  selectedId: null as string | null,
  error: null as AppErrorPayload | null
})
/** Large and replaced whole on each refresh: kept out of deep reactivity. */
export const sweepDetail = shallowRef<SweepDetail | null>(null)

let timer: ReturnType<typeof setTimeout> | null = null
let started = false

export const startSweepsStore = once(() => {
  started = true
  track(
    api.on('sweeps:changed', ({ sweepId }) => {
      void refreshSweeps()
      if (sweepId === sweepsState.selectedId) void refreshDetail()
    }),
    () => {
      if (timer) clearTimeout(timer)
      started = false
    }
  )
  void refreshSweeps()
})

export async function refreshSweeps(): Promise<void> {
  try {
    const listing = await api.sweeps.list()
    sweepsState.items = listing.sweeps
    sweepsState.unreadable = listing.unreadable
    sweepsState.error = null
    if (sweepsState.selectedId === null && sweepsState.items.length > 0) await selectSweep(sweepsState.items[0].id)
  } catch (error) {
    sweepsState.error = errorPayload(error)
  }
}

export async function selectSweep(id: string): Promise<void> {
  sweepsState.selectedId = id
  sweepDetail.value = null
  await refreshDetail()
}

/** Some run is queued or training (pending runs were never started). */
const isLive = (d: SweepDetail): boolean => d.manifest.runs.some((r) => r.state !== 'pending' && !isFinalRunState(r.state))

async function refreshDetail(): Promise<void> {
  const id = sweepsState.selectedId
  if (id === null) return
  if (timer) clearTimeout(timer)
  timer = null
  try {
    const detail = await api.sweeps.get({ sweepId: id })
    if (sweepsState.selectedId !== id) return
    sweepDetail.value = detail
    sweepsState.error = null
    if (isLive(detail) && started) timer = setTimeout(() => void refreshDetail(), LIVE_REFRESH_MS)
  } catch (error) {
    sweepsState.error = errorPayload(error)
  }
}

export async function submitSweep(request: SweepSubmit): Promise<SweepSummary> {
  const summary = await api.sweeps.submit(request)
  await refreshSweeps()
  await selectSweep(summary.id)
  return summary
}

export async function cancelSweepRun(runIndex: number | null): Promise<void> {
  if (sweepsState.selectedId === null) return
  await api.sweeps.cancel({ sweepId: sweepsState.selectedId, runIndex })
  await refreshDetail()
}

export async function resubmitSweep(): Promise<void> {
  if (sweepsState.selectedId === null) return
  await api.sweeps.resubmit({ sweepId: sweepsState.selectedId })
  await refreshDetail()
}

export async function openSweepRun(runIndex: number): Promise<void> {
  if (sweepsState.selectedId === null) return
  const session = await api.sweeps.openRun({ sweepId: sweepsState.selectedId, runIndex })
  openSession(session.id, 'runs')
}
