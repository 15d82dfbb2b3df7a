// What the Sessions view does to a saved session: each action says what it did (a message
// in the current language) or why not, then the list is refreshed.
import { ref } from 'vue'
import type { SessionSummary } from '../../../shared/sessions'
import { api } from '../api/client'
import { t } from '../i18n'
import { continueRun } from '../stores/app-store'
import { openSession } from '../stores/navigation'
import { refreshSessions } from '../stores/sessions-list'
import { useAction } from './use-action'

export function useSessionActions(onDeleted: (sessionId: string) => void) {
  const message = ref<string | null>(null)
  const action = useAction(async (work: () => Promise<string | null>) => {
    message.value = null
    message.value = await work()
    await refreshSessions()
  })
  const act = (work: () => Promise<string | null>): Promise<void> => action.run(work)

  return {
    busy: action.busy,
    error: action.error,
    message,
    rename: (s: SessionSummary, name: string) =>
      act(async () => t('sessions.renamed', { name: (await api.sessions.rename({ sessionId: s.id, name })).name })),
    duplicate: (s: SessionSummary, name: string) =>
      act(async () => t('sessions.copied', { name: (await api.sessions.saveAs({ sessionId: s.id, name })).name })),
    exportCsv: (s: SessionSummary) =>
      act(async () => {
        const r = await api.sessions.exportCsv({ sessionId: s.id })
        return r ? t('sessions.exported', { path: r.path }) : null
      }),
    remove: (s: SessionSummary) =>
      act(async () => {
        await api.sessions.delete({ sessionId: s.id })
        onDeleted(s.id)
        return t('sessions.deleted', { name: s.name })
      }),
    importFolder: () =>
      act(async () => {
        const s = await api.sessions.import({})
        return s ? t('sessions.imported', { name: s.name }) : null
      }),
    continueRun: (s: SessionSummary) =>
      act(async () => {
        openSession((await continueRun(s.id)).sessionId)
        return null
      })
  }
}
