// The session the dashboard and browser show: its stored metrics, then live events on top.
// Big series live in column stores outside Vue's reactivity; `version` says when they grew.
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import type { EvalRecord, StepMetrics, SweepRecord } from '../../../shared/metrics'
import { ALGORITHM_RULE_KIND, configThreshold } from '../../../shared/algorithms/registry'
import type { PseudoLabelRule } from '../../../shared/pseudo-label-rule'
import type { SessionManifest, SessionSummary, UiState } from '../../../shared/sessions'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'
import { evalStore, newerThan, stepStore } from '../lib/series-store'
import { appState } from './app-store'
import { applyUiState } from './browser-state'
import { once, track } from './lifecycle'
import { currentSessionId } from './navigation'

export const session = reactive({
  loading: false,
  error: null as AppErrorPayload | null,
  /** Bumped whenever metrics, evals or sweeps grow. */
  version: 0,
  /** Bumped when a new per-sample snapshot exists. */
  samplesVersion: 0,
  snapshots: [] as number[]
})
export const sessionSummary = shallowRef<SessionSummary | null>(null)
export const sessionManifest = shallowRef<SessionManifest | null>(null)
export const sweeps = shallowRef<SweepRecord[]>([])
export const steps = stepStore()
export const evals = evalStore()
/** The raw records too (CSV export, per-class windows); plain arrays, not reactive. */
export const rawMetrics: StepMetrics[] = []
export const rawEvals: EvalRecord[] = []
export const loadedId = ref<string | null>(null)

/** The live run behind the session, when there is one. */
export const sessionRun = computed(() => {
  const id = loadedId.value
  const runs = appState.runs.filter((r) => r.sessionId === id)
  return runs[runs.length - 1] ?? null
})

/** The session's experiment config: the live run's, else the saved manifest's. */
export const sessionConfig = computed(() => sessionRun.value?.config ?? sessionManifest.value?.config ?? null)
export const sessionThreshold = computed(() => (sessionConfig.value ? configThreshold(sessionConfig.value.algorithm) : 0.95))
/** SoftMatch: its "mask rate" is the mean weight, and the UI names it so. */
export const sessionWeighted = computed(() => (sessionConfig.value ? ALGORITHM_RULE_KIND[sessionConfig.value.algorithm.name] === 'weights' : false))
/** The rule the browser and panels judge by: the latest sweep's (the algorithm's own), else the fixed threshold. */
export const sessionRule = computed<PseudoLabelRule>(() => {
  const published = [...sweeps.value].reverse().find((s) => s.rule)?.rule
  return published ?? { kind: 'threshold', threshold: sessionThreshold.value }
})

let buffering: StepMetrics[] | null = null

export const startSessionStore = once(() => {
  track(
    api.on('runs:metrics', (e) => {
      if (e.sessionId !== loadedId.value) return
      if (buffering) buffering.push(...e.records)
      else appendMetrics(e.records)
    }),
    api.on('runs:eval', (e) => {
      if (e.sessionId === loadedId.value) appendEvals([e.record])
    }),
    api.on('runs:sweep', (e) => {
      if (e.sessionId !== loadedId.value) return
      sweeps.value = [...sweeps.value, e.record]
      session.version++
    }),
    api.on('runs:samples', (e) => {
      if (e.sessionId !== loadedId.value) return
      if (!session.snapshots.includes(e.step)) session.snapshots = [...session.snapshots, e.step].sort((a, b) => a - b)
      session.samplesVersion++
    }),
    watch(currentSessionId, (id) => void loadSession(id), { immediate: true })
  )
})

function appendMetrics(records: StepMetrics[]): void {
  const fresh = newerThan(records, steps.last('step'))
  if (fresh.length === 0) return
  steps.append(fresh)
  rawMetrics.push(...fresh)
  session.version++
}

function appendEvals(records: EvalRecord[]): void {
  const fresh = newerThan(records, evals.last('step'))
  if (fresh.length === 0) return
  evals.append(fresh)
  rawEvals.push(...fresh)
  session.version++
}

function clear(): void {
  steps.clear()
  evals.clear()
  rawMetrics.length = 0
  rawEvals.length = 0
  sweeps.value = []
  sessionSummary.value = null
  sessionManifest.value = null
  session.snapshots = []
}

export async function loadSession(id: string | null): Promise<void> {
  clear()
  loadedId.value = id
  session.error = null
  session.version++
  if (!id) return
  session.loading = true
  buffering = []
  try {
    const data = await api.sessions.open({ sessionId: id })
    if (loadedId.value !== id) return
    sessionSummary.value = data.summary
    sessionManifest.value = data.manifest
    applyUiState(data.ui, configThreshold(data.manifest.config.algorithm))
    sweeps.value = data.sweeps
    session.snapshots = [...data.manifest.sampleSnapshots].sort((a, b) => a - b)
    appendMetrics(data.metrics)
    appendEvals(data.evals)
    appendMetrics(buffering)
  } catch (error) {
    if (loadedId.value === id) session.error = errorPayload(error)
  } finally {
    buffering = null
    if (loadedId.value === id) session.loading = false
    session.version++
  }
}

export async function reloadSession(): Promise<void> {
  await loadSession(loadedId.value)
}

export async function saveUi(ui: UiState): Promise<void> {
  if (!loadedId.value) return
  await api.sessions.saveUi({ sessionId: loadedId.value, ui })
}
