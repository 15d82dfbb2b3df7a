// lib/config-draft's short-run notes in the current language.
import type { ShortRunNote } from '../lib/config-draft'
import { t } from './index'

export function shortRunNoteText(note: ShortRunNote): string {
  const what = t(`runs.note.${note.kind}`, { steps: note.steps, rate: note.rate, horizon: note.horizon })
  return note.fitting === null ? what : `${what} ${t(`runs.note.${note.kind}Fit`, { steps: note.steps, fit: note.fitting })}`
}
