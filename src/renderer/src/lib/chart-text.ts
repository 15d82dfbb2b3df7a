// The words and number locale of a chart: option builders stay pure functions of their
// input, and the renderer hands them its translate function (i18n/chart-text).

export type Translate = (key: string, params?: Record<string, unknown>) => string

export interface ChartText {
  t: Translate
  /** For axis labels and tooltips ('en', 'ko'). */
  locale: string
}
