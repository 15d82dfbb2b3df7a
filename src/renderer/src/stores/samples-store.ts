// Per-sample pseudo-label state of the loaded session, at the chosen snapshot (null = the
// latest), refetched when the run writes a new snapshot. Kept in shallowRefs: 50,000-long
// typed arrays must never become deep-reactive.
import { reactive, shallowRef, watch } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import type { SampleState } from '../../../shared/metrics'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'
import { normalizeSampleState } from '../lib/sample-state'
import { browser } from './browser-state'
import { once, track } from './lifecycle'
import { loadedId, session } from './session-store'

export const samples = shallowRef<SampleState | null>(null)
export const samplesStatus = reactive({ loading: false, error: null as AppErrorPayload | null })
/** Every snapshot fetched so far, by step, for pseudo-label histories. */
const snapshotCache = new Map<string, SampleState>()

let ticket = 0

export const startSamplesStore = once(() => {
  track(
    watch(
      () => [loadedId.value, browser.snapshotStep, session.samplesVersion, session.snapshots.length] as const,
      () => void fetchSamples(),
      { immediate: true }
    )
  )
})

async function fetchSamples(): Promise<void> {
  const id = loadedId.value
  const mine = ++ticket
  if (!id) {
    samples.value = null
    return
  }
  samplesStatus.loading = samples.value === null
  samplesStatus.error = null
  try {
    const state = normalizeSampleState(await api.sessions.samples({ sessionId: id, step: browser.snapshotStep }))
    if (mine !== ticket) return
    snapshotCache.set(`${id}:${state.step}`, state)
    samples.value = state
  } catch (e) {
    if (mine !== ticket) return
    samples.value = null
    samplesStatus.error = errorPayload(e)
  } finally {
    if (mine === ticket) samplesStatus.loading = false
  }
}

/** Every snapshot of the session (fetched once each, newest 24 at most). */
export async function allSnapshots(): Promise<SampleState[]> {
  const id = loadedId.value
  if (!id) return []
  // Snapshots of other sessions are not needed any more.
  for (const key of [...snapshotCache.keys()]) if (!key.startsWith(`${id}:`)) snapshotCache.delete(key)
  const out: SampleState[] = []
  for (const step of session.snapshots.slice(-24)) {
    const key = `${id}:${step}`
    let state = snapshotCache.get(key)
    if (!state) {
      state = normalizeSampleState(await api.sessions.samples({ sessionId: id, step }))
      snapshotCache.set(key, state)
    }
    out.push(state)
  }
  if (samples.value && !out.some((s) => s.step === samples.value!.step)) out.push(samples.value)
  return out
}
