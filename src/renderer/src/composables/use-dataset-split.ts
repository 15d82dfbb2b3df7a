// The labeled/unlabeled split for the chosen labels-per-class, seed and exclusion,
// reloaded as they change (invalid numbers keep the last split).
import { ref, watch } from 'vue'
import type { DatasetId } from '../../../shared/config/experiment-config'
import { api } from '../api/client'
import { useLoader } from './use-loader'

export function useDatasetSplit(datasetId: () => DatasetId) {
  const labelsPerClass = ref(10)
  const seed = ref(1)
  const exclude = ref(false)
  const split = useLoader((id: DatasetId, lpc: number, s: number, ex: boolean) =>
    api.datasets.split({ id, labelsPerClass: lpc, seed: s, excludeLabeledFromUnlabeled: ex })
  )
  function refresh(): void {
    const lpc = labelsPerClass.value
    if (Number.isInteger(lpc) && lpc >= 1 && Number.isInteger(seed.value) && seed.value >= 0) void split.run(datasetId(), lpc, seed.value, exclude.value)
  }
  watch([datasetId, labelsPerClass, seed, exclude], refresh, { immediate: true })
  return { labelsPerClass, seed, exclude, split, refresh }
}
