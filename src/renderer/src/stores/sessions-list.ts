// The list of saved sessions, refreshed on sessions:changed and when runs end.
import { reactive } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import { isRunFinal } from '../../../shared/runs'
import type { SessionSummary } from '../../../shared/sessions'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'
import { once, track } from './lifecycle'

export const sessionsList = reactive({
  items: [] as SessionSummary[],
  loading: false,
  loaded: false,
  error: null as AppErrorPayload | null
})

export const startSessionsList = once(() => {
  track(
    api.on('sessions:changed', () => void refreshSessions()),
    api.on('runs:changed', (run) => {
      if (!sessionsList.items.some((s) => s.id === run.sessionId) || isRunFinal(run.state)) {
        void refreshSessions()
      }
    })
  )
  void refreshSessions()
})

export async function refreshSessions(): Promise<void> {
  sessionsList.loading = !sessionsList.loaded
  try {
    sessionsList.items = await api.sessions.list()
    sessionsList.error = null
    sessionsList.loaded = true
  } catch (error) {
    sessionsList.error = errorPayload(error)
  } finally {
    sessionsList.loading = false
  }
}
