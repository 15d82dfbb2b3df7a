// A headless study's folder (`npm run experiment -- --ablation-study --out DIR`) opened in the
// Sessions view as one study: main asks for the folder and reads it; the view shows it until closed.
import { ref } from 'vue'
import type { StudyFolder } from '../../../shared/study-folder'
import { api } from '../api/client'
import { useAction } from './use-action'

export function useOpenStudy() {
  const study = ref<StudyFolder | null>(null)
  const action = useAction(async () => {
    const opened = await api.sessions.openStudy({})
    if (opened) study.value = opened
  })
  return {
    study,
    busy: action.busy,
    error: action.error,
    open: () => action.run(),
    close: () => {
      study.value = null
    }
  }
}
