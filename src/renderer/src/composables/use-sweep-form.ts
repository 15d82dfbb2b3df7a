// The sweep builder: the experiment form's current config as the base, a grid editor, the
// executor (Slurm options kept in the settings), and submitting.
import { computed, ref, toRaw, watch } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import { SlurmOptionsSchema, type SlurmOptions } from '../../../shared/sweep-manifest'
import { CONFIG_FIELDS } from '../lib/config-fields'
import { errorPayload } from '../lib/error-text'
import { checkGrid, type GridRow } from '../lib/sweep-grid'
import { appState, updateSettings } from '../stores/app-store'
import { submitSweep } from '../stores/sweeps-store'
import { useAction } from './use-action'
import { useExperimentForm } from './use-experiment-form'

const fieldOf = (path: string) => CONFIG_FIELDS.find((f) => f.path === path)
/** Fields a grid may vary (the name is the sweep's; the data folder is main's). */
export const GRID_FIELDS = CONFIG_FIELDS.filter((f) => f.path !== 'name')

export function useSweepForm() {
  const form = useExperimentForm()
  const name = ref('sweep')
  const rows = ref<GridRow[]>([
    { path: 'algorithm.threshold', values: '0.9, 0.95' },
    { path: 'seed', values: '1, 2' }
  ])
  const executor = ref<'local' | 'slurm'>('local')
  const slurm = ref<SlurmOptions>(SlurmOptionsSchema.parse({}))
  watch(
    () => appState.settings?.sweepSlurm,
    (saved) => {
      // A reactive proxy cannot be structured-cloned (DataCloneError): clone the plain object.
      if (saved) slurm.value = structuredClone(toRaw(saved))
    },
    { immediate: true }
  )
  const grid = computed(() => checkGrid(rows.value, fieldOf))
  const nameOk = computed(() => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name.value) && name.value.length <= 80)
  const canSubmit = computed(() => nameOk.value && grid.value.runs > 0 && form.check.value.config !== null)

  function setRow(index: number, row: GridRow): void {
    rows.value = rows.value.map((r, i) => (i === index ? row : r))
  }
  function addRow(): void {
    rows.value = [...rows.value, { path: GRID_FIELDS.find((f) => !rows.value.some((r) => r.path === f.path))?.path ?? 'seed', values: '' }]
  }
  function removeRow(index: number): void {
    rows.value = rows.value.filter((_, i) => i !== index)
  }
  /** Why main refused the last edit (an option off the allow-list), shown by the form. */
  const slurmError = ref<AppErrorPayload | null>(null)
  /** Slurm options are saved as they are edited, so the next sweep starts from them. */
  async function setSlurm(options: SlurmOptions): Promise<void> {
    slurm.value = options
    try {
      await updateSettings({ sweepSlurm: options })
      slurmError.value = null
    } catch (error) {
      slurmError.value = errorPayload(error)
    }
  }

  const submit = useAction(async () => {
    const config = form.check.value.config
    if (!config || !canSubmit.value) return null
    return submitSweep({ name: name.value, config: { ...config, dataset: { id: config.dataset.id } }, grid: grid.value.grid, executor: executor.value })
  })

  return { form, name, nameOk, rows, grid, executor, slurm, slurmError, canSubmit, setRow, addRow, removeRow, setSlurm, submit }
}
