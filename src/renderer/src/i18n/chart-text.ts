// The current language for lib's chart builders; call it inside a computed so the chart
// rebuilds when the language changes.
import type { ChartText } from '../lib/chart-text'
import { currentLocale, t } from './index'

export function chartText(): ChartText {
  return { t: (key, params) => t(key, params ?? {}), locale: currentLocale() }
}
