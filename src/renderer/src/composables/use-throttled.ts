// A copy of a fast-changing number that updates at most every `ms` (charts redraw on it).
import { onUnmounted, ref, watch, type Ref } from 'vue'

export function useThrottled(source: () => number, ms: number): Ref<number> {
  const out = ref(source())
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = 0
  watch(source, (value) => {
    const now = Date.now()
    if (timer) return
    const wait = Math.max(0, last + ms - now)
    timer = setTimeout(() => {
      timer = null
      last = Date.now()
      out.value = source()
    }, wait)
    if (wait === 0) void value
  })
  onUnmounted(() => {
    if (timer) clearTimeout(timer)
  })
  return out
}
