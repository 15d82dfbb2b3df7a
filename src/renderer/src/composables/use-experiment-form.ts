// The experiment form's state: presets, the draft config checked as it is edited (its
// messages in the current language), and starting the run.
import { computed, ref } from 'vue'
import { DEFAULT_COMPARISON_SEEDS } from '../../../shared/config/algorithm-variants'
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
/** Training seeds per algorithm when the preset is a comparison (its own default first). */
const seeds = ref(DEFAULT_COMPARISON_SEEDS)
/** One seed gives no Welch's t (the view says so); more than 10 is surely a typo. */
export const MAX_COMPARISON_SEEDS = 10

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
    seeds.value = preset.compareSeeds ?? DEFAULT_COMPARISON_SEEDS
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
  const compare = computed(() => presets.data.value?.find((p) => p.id === presetId.value)?.compareAlgorithms ?? null)
  const seedsOk = computed(() => Number.isInteger(seeds.value) && seeds.value >= 1 && seeds.value <= MAX_COMPARISON_SEEDS)
  const start = useAction(async () => {
    const config = check.value.config
    if (!config) return
    if (compare.value) {
      if (!seedsOk.value) return
      return void (await startAlgorithmComparison(config, compare.value, seeds.value))
    }
    const run = await startRun(config)
    openSession(run.sessionId, 'runs')
  })
  return { presets, presetId, draft, check, notes, chosenBackend, compare, seeds, seedsOk, applyPreset, edit, load, start }
}
