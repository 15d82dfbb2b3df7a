// The Datasets view's data: the catalog, the selected dataset's detail and first samples.
import { computed, ref, watch } from 'vue'
import type { DatasetId } from '../../../shared/config/experiment-config'
import { api } from '../api/client'
import { useLoader } from './use-loader'

/** How many training images the view shows. */
export const DATASET_PREVIEW_SIZE = 48

export function useDatasets() {
  const list = useLoader(() => api.datasets.list())
  const detail = useLoader((id: DatasetId) => api.datasets.get({ id }))
  const samples = useLoader((id: DatasetId) => api.datasets.samples({ id, split: 'train', offset: 0, limit: DATASET_PREVIEW_SIZE }))
  const selected = ref<DatasetId | null>(null)
  const current = computed(() => list.data.value?.find((d) => d.id === selected.value) ?? null)

  /** Loads the catalog; the first available dataset is selected when none is. */
  async function loadList(): Promise<void> {
    const items = await list.run()
    if (items && !selected.value) selected.value = items.find((d) => d.available)?.id ?? items[0]?.id ?? null
  }

  // Keyed on availability and source too: importing the selected dataset must load its own
  // detail and samples, never leave another dataset's on screen.
  const loadedKey = computed(() => {
    const d = current.value
    return d?.available ? `${d.id}|${d.source ?? ''}` : null
  })
  watch(loadedKey, (key) => {
    detail.data.value = null
    samples.data.value = null
    const id = current.value?.id
    if (!key || !id) return
    void detail.run(id)
    void samples.run(id)
  })
  return { list, detail, samples, selected, current, loadList }
}
