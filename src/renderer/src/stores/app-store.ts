// App-wide state fed by the api: info, backends, settings and the run list.
import { reactive } from 'vue'
import type { ExperimentConfig } from '../../../shared/config/experiment-config'
import type { AppInfo } from '../../../shared/contract'
import type { BackendProbe } from '../../../shared/backends'
import type { AppErrorPayload } from '../../../shared/errors'
import type { RunInfo } from '../../../shared/runs'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'
import { once, track } from './lifecycle'

interface AppState {
  info: AppInfo | null
  backends: BackendProbe[]
  settings: Settings | null
  runs: RunInfo[]
  loading: boolean
  error: AppErrorPayload | null
}

export const appState = reactive<AppState>({
  info: null,
  backends: [],
  settings: null,
  runs: [],
  loading: false,
  error: null
})

/** Loads everything once and keeps the run list current from runs:changed. */
export const startAppStore = once(() => {
  track(api.on('runs:changed', upsertRun))
  void refreshApp()
})

export async function refreshApp(): Promise<void> {
  appState.loading = true
  appState.error = null
  try {
    // Each part shows as it arrives: the start screen's images need info, not the backend probe.
    await Promise.all([
      api.app.info().then((info) => (appState.info = info)),
      api.app.backends().then((backends) => (appState.backends = backends)),
      api.settings.get().then((settings) => (appState.settings = settings)),
      api.runs.list().then((runs) => (appState.runs = runs))
    ])
  } catch (error) {
    appState.error = errorPayload(error)
  } finally {
    appState.loading = false
  }
}

export function upsertRun(run: RunInfo): void {
  const i = appState.runs.findIndex((r) => r.runId === run.runId)
  if (i >= 0) appState.runs.splice(i, 1, run)
  else appState.runs.push(run)
}

export async function startRun(config: ExperimentConfig): Promise<RunInfo> {
  const run = await api.runs.start({ config })
  upsertRun(run)
  return run
}

/** Continue a session from its checkpoint as a new run (main applies the resume rules). */
export async function continueRun(sessionId: string): Promise<RunInfo> {
  const run = await api.runs.continue({ sessionId })
  upsertRun(run)
  return run
}

export async function controlRun(runId: string, kind: 'pause' | 'resume' | 'stop'): Promise<RunInfo> {
  const run = await api.runs[kind]({ runId })
  upsertRun(run)
  return run
}

export async function updateSettings(patch: SettingsPatch): Promise<void> {
  appState.settings = await api.settings.set(patch)
  if (patch.sessionsDir !== undefined) appState.info = await api.app.info()
}

/** Main's folder dialog picks the sessions folder; false when the user cancelled. */
export async function chooseSessionsDir(): Promise<boolean> {
  const next = await api.settings.chooseSessionsDir()
  if (next === null) return false
  appState.settings = next
  appState.info = await api.app.info()
  return true
}
