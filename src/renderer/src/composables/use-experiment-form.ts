// The experiment form's state: presets, the draft config checked as it is edited (its
// messages in the current language), and starting the run.
import { computed, ref } from 'vue'
import type { ExperimentPreset } from '../../../shared/config/presets'
import { api } from '../api/client'
import { currentLocale } from '../i18n'
import { checkDraft, getPath, parseInput, setPath, shortRunNotes, type Draft } from '../lib/config-draft'
import { CONFIG_FIELDS, type ConfigField } from '../lib/config-fields'
import { appState, startRun } from '../stores/app-store'
import { openSession } from '../stores/navigation'
import { startAlgorithmComparison } from './use-algorithm-comparison'
import { useAction } from './use-action'
import { useLoader } from './use-loader'

const PATHS = CONFIG_FIELDS.map((f) => f.path)

// One form for the app: the Sweeps view builds its sweeps from the config edited here.
const presetId = ref('')
const draft = ref<Draft>({})

export function useExperimentForm() {
  const presets = useLoader(() => api.experiments.presets())
  const check = computed(() => {
    void currentLocale() // validation messages follow the language
    return checkDraft(draft.value, PATHS)
  })
  const notes = computed(() => (check.value.config ? shortRunNotes(check.value.config) : []))
  const chosenBackend = computed(() => appState.backends.find((b) => b.name === getPath(draft.value, 'backend')))

  function applyPreset(preset: ExperimentPreset | undefined): void {
    if (!preset) return
    presetId.value = preset.id
    const config = structuredClone(preset.config) as Draft
    const fallback = appState.settings?.backend
    draft.value = fallback && fallback !== 'auto' ? setPath(config, 'backend', fallback) : config
  }
  function edit(field: ConfigField, raw: string | boolean): void {
    draft.value = setPath(draft.value, field.path, parseInput(field.kind, raw))
  }
  /** The presets, and Quick MNIST (or the first) in the form when it is empty. */
  async function load(): Promise<void> {
    const list = await presets.run()
    if (list && Object.keys(draft.value).length === 0) applyPreset(list.find((p) => p.id === 'quick-mnist') ?? list[0])
  }
  const start = useAction(async () => {
    const config = check.value.config
    if (!config) return
    const compare = presets.data.value?.find((p) => p.id === presetId.value)?.compareAlgorithms
    if (compare) return void (await startAlgorithmComparison(config, compare))
    const run = await startRun(config)
    openSession(run.sessionId, 'runs')
  })
  return { presets, presetId, draft, check, notes, chosenBackend, applyPreset, edit, load, start }
}
