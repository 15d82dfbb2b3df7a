// A read of the selected sweep that main computes from every run's records (a comparison, a
// study): at once when the sweep or its runs' states change, at most every REFRESH_MS while
// they only step on; nothing for a sweep of another kind.
import { onUnmounted, watch } from 'vue'
import type { SweepDetail } from '../../../shared/sweep-view'
import { useLoader, type Loader } from './use-loader'

export const REFRESH_MS = 4000

export function useSweepRead<T>(detail: () => SweepDetail | null, applies: (d: SweepDetail) => boolean, read: (sweepId: string) => Promise<T>): Loader<T, [string]> {
  const loader = useLoader(read)
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastId = ''
  let lastStates = ''
  let lastAt = 0
  watch(
    detail,
    (d) => {
      if (!d || !applies(d)) {
        lastId = ''
        loader.data.value = null
        return
      }
      const id = d.summary.id
      const states = d.manifest.runs.map((r) => r.state).join()
      if (id !== lastId) loader.data.value = null
      const now = id !== lastId || states !== lastStates
      lastId = id
      lastStates = states
      if (timer) clearTimeout(timer)
      timer = setTimeout(
        () => {
          timer = null
          lastAt = Date.now()
          void loader.run(id)
        },
        now ? 0 : Math.max(0, lastAt + REFRESH_MS - Date.now())
      )
    },
    { immediate: true }
  )
  onUnmounted(() => {
    if (timer) clearTimeout(timer)
  })
  return loader
}
