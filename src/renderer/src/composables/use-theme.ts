// Light or dark: the theme setting, with 'system' following prefers-color-scheme live.
import { onUnmounted, watchEffect, ref } from 'vue'
import type { Settings } from '../../../shared/settings'

/** Whether the dark palette is active now; charts read it to pick their colours. */
export const darkMode = ref(false)

export function useTheme(theme: () => Settings['theme']): void {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const systemDark = ref(media.matches)
  const onChange = (e: MediaQueryListEvent): void => {
    systemDark.value = e.matches
  }
  media.addEventListener('change', onChange)
  onUnmounted(() => media.removeEventListener('change', onChange))
  watchEffect(() => {
    const t = theme()
    const dark = t === 'dark' || (t === 'system' && systemDark.value)
    darkMode.value = dark
    document.documentElement.dataset.theme = dark ? 'dark' : 'light'
  })
}
