// A copy of a fast-changing number that updates at most every `ms` (charts redraw on it).
import { onUnmounted, ref, watch, type Ref } from 'vue'

export function useThrottled(source: () => number, ms: number | (() => number)): Ref<number> {
  const out = ref(source())
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = 0
  watch(source, () => {
    if (timer) return
    // Leading edge when idle, then at most one update per `ms`, always ending on the latest value.
    const wait = Math.max(0, last + (typeof ms === 'number' ? ms : ms()) - Date.now())
    timer = setTimeout(() => {
      timer = null
      last = Date.now()
      out.value = source()
    }, wait)
  })
  onUnmounted(() => {
    if (timer) clearTimeout(timer)
  })
  return out
}
