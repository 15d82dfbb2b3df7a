// sessions:* channels over the session store; every path comes from main's dialogs.
import type { DomainHandlers, ShellPorts } from '../ipc/handler-types'
import type { SessionStore } from '../services/session-store'
import { readStudyFolder } from '../../node/study/study-folder'

export function sessionsHandlers(store: SessionStore, shell: ShellPorts): DomainHandlers<'sessions'> {
  return {
    'sessions:list': async () => store.list(),
    'sessions:open': async ({ sessionId }) => store.open(sessionId),
    'sessions:samples': async ({ sessionId, step }) => store.samples(sessionId, step),
    'sessions:save-ui': async ({ sessionId, ui }) => store.saveUi(sessionId, ui),
    'sessions:save-as': async ({ sessionId, name }) => store.saveAs(sessionId, name),
    'sessions:rename': async ({ sessionId, name }) => store.rename(sessionId, name),
    'sessions:delete': async ({ sessionId }) => store.delete(sessionId),
    'sessions:export-csv': async ({ sessionId }) => {
      const target = await shell.pickSavePath({ title: 'Export metrics as CSV', defaultName: `${csvName(sessionId)}-metrics.csv` })
      return target === null ? null : store.exportCsv(sessionId, target)
    },
    'sessions:import': async () => {
      const source = await shell.pickOpenPath({ title: 'Open a session folder', directory: true })
      return source === null ? null : store.import(source)
    },
    'sessions:open-study': async () => {
      const folder = await shell.pickOpenPath({ title: 'Open a study folder (npm run experiment -- --ablation-study)', directory: true })
      return folder === null ? null : readStudyFolder(folder)
    }
  }
}

function csvName(sessionId: string): string {
  return sessionId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'session'
}
