// Class names per dataset, fetched once from the dataset list.
import { ref } from 'vue'
import { NUM_CLASSES, type DatasetId } from '../../../shared/config/experiment-config'
import { api } from '../api/client'

const names = ref<Record<string, string[]>>({})
let requested = false

export function classNamesOf(datasetId: string | undefined): string[] {
  if (!requested) {
    requested = true
    api.datasets
      .list()
      .then((list) => (names.value = Object.fromEntries(list.map((d) => [d.id, d.classNames]))))
      .catch(() => (requested = false))
  }
  if (!datasetId) return []
  const known = names.value[datasetId]
  if (known && known.length > 0) return known
  const n = NUM_CLASSES[datasetId as DatasetId] ?? 0
  return Array.from({ length: n }, (_, i) => String(i))
}
