// Adding a CIFAR dataset: import from what the user picks in main's dialog, or download,
// with main's progress events for this dataset.
import { getCurrentScope, onScopeDispose, ref } from 'vue'
import type { DatasetSummary, DownloadProgress } from '../../../shared/datasets'
import { api } from '../api/client'
import { useAction } from './use-action'

export function useDatasetImport(dataset: () => DatasetSummary, changed: () => void) {
  const progress = ref<DownloadProgress | null>(null)
  const off = api.on('datasets:download-progress', (p) => {
    if (p.id === dataset().id) progress.value = p
  })
  if (getCurrentScope()) onScopeDispose(off)

  const action = useAction(async (kind: 'import' | 'download') => {
    const { id } = dataset()
    if (id === 'mnist') return
    progress.value = null
    const result = kind === 'import' ? await api.datasets.import({ id }) : await api.datasets.download({ id })
    if (result) changed()
  })
  return { progress, action }
}
