// EChart loaded on demand: the Datasets view (the start screen) shows its samples before
// echarts, a third of the renderer's code, has arrived.
import { defineAsyncComponent } from 'vue'

export const LazyEChart = defineAsyncComponent(() => import('./EChart.vue'))
