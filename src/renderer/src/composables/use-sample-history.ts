// A sample's pseudo-label at every snapshot, reloaded when the sample or the session state
// changes; arrowing through the grid starts a load per sample and only the latest lands
// (useLoader's rule).
import { watch } from 'vue'
import { sampleHistory, type HistoryPoint } from '../lib/sample-analysis'
import { allSnapshots } from '../stores/samples-store'
import { useLoader, type Loader } from './use-loader'

export function useSampleHistory(datasetIndex: () => number, stateVersion: () => unknown): Loader<HistoryPoint[], [number]> {
  const loader = useLoader(async (index: number) => sampleHistory(await allSnapshots(), index))
  watch([datasetIndex, stateVersion], ([index]) => void loader.run(index), { immediate: true })
  return loader
}
