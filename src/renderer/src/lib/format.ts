// Number, time and date formatting used across views, for a locale ('en', 'ko'); the
// renderer calls them through i18n/format, which passes the current one.

const formatters = new Map<string, Intl.NumberFormat>()
/** Intl formatters are slow to build and the grid formats thousands of values. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let nf = formatters.get(key)
  if (!nf) formatters.set(key, (nf = new Intl.NumberFormat(locale, options)))
  return nf
}

const finite = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value)

export function formatPercent(value: number | null | undefined, digits = 1, locale = 'en'): string {
  if (!finite(value)) return '–'
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
}

/** Compact: 4 significant digits, exponent for very small or large values. */
export function formatNumber(value: number | null | undefined, locale = 'en'): string {
  if (!finite(value)) return '–'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2)
  if (Number.isInteger(value)) return numberFormat(locale, { maximumFractionDigits: 0 }).format(value)
  return numberFormat(locale, { maximumSignificantDigits: 4 }).format(value)
}

/** Seconds as 45s, 3m 05s, 2h 07m (45초, 3분 05초, 2시간 07분 in Korean). */
export function formatDuration(seconds: number | null | undefined, locale = 'en'): string {
  if (!finite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  const unit = (n: number, name: string, pad = false): string =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow', minimumIntegerDigits: pad ? 2 : 1 }).format(n)
  if (s < 60) return unit(s, 'second')
  if (s < 3600) return `${unit(Math.floor(s / 60), 'minute')} ${unit(s % 60, 'second', true)}`
  return `${unit(Math.floor(s / 3600), 'hour')} ${unit(Math.floor((s % 3600) / 60), 'minute', true)}`
}

/** Seconds with one decimal at most: 10.3s, 10초. */
export function formatSeconds(seconds: number, locale = 'en'): string {
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(seconds)
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
export function formatDate(ms: number | null | undefined, locale = 'en'): string {
  if (!ms) return '–'
  let df = dateFormats.get(locale)
  if (!df) dateFormats.set(locale, (df = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })))
  return df.format(new Date(ms))
}

export function formatCount(n: number, locale = 'en'): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n)
}

/** A class label by name; a negative label (no pseudo-label yet) as a dash. */
export function formatLabel(classNames: readonly string[], label: number): string {
  return label < 0 ? '–' : (classNames[label] ?? String(label))
}
