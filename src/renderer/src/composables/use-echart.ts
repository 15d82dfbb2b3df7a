// One chart instance per element: kept in a shallowRef (never deep-reactive), resized by
// a throttled ResizeObserver, disposed on unmount. The option comes from a pure builder.
import { onMounted, onUnmounted, shallowRef, watch, type Ref } from 'vue'
import { echarts, type EChartsInstance } from './echarts'

export interface UseEChart {
  chart: Ref<EChartsInstance | null>
  /** The chart as a PNG data URL (for export), or null before it exists. */
  toPng(): string | null
}

export function useEChart(
  el: Ref<HTMLElement | null>,
  option: () => Record<string, unknown> | null,
  onReady?: (chart: EChartsInstance) => void
): UseEChart {
  const chart = shallowRef<EChartsInstance | null>(null)
  let observer: ResizeObserver | null = null
  let resizeTimer: ReturnType<typeof setTimeout> | null = null

  onMounted(() => {
    if (!el.value) return
    const instance = echarts.init(el.value, undefined, { renderer: 'canvas' })
    chart.value = instance
    onReady?.(instance)
    const first = option()
    if (first) instance.setOption(first)
    observer = new ResizeObserver(() => {
      if (resizeTimer) return
      resizeTimer = setTimeout(() => {
        resizeTimer = null
        chart.value?.resize()
      }, 100)
    })
    observer.observe(el.value)
  })

  watch(option, (next) => {
    if (next) chart.value?.setOption(next, { replaceMerge: ['series'] })
  })

  onUnmounted(() => {
    observer?.disconnect()
    if (resizeTimer) clearTimeout(resizeTimer)
    chart.value?.dispose()
    chart.value = null
  })

  return {
    chart,
    toPng: () => {
      const dark = document.documentElement.dataset.theme === 'dark'
      return chart.value?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: dark ? '#15181e' : '#ffffff' }) ?? null
    }
  }
}
