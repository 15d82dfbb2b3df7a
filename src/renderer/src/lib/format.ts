// Number, time and date formatting used across views.

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)}%`
}

/** Compact: 3 significant digits, exponent for very small or large values. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2)
  if (Number.isInteger(value)) return String(value)
  return String(Number(value.toPrecision(4)))
}

/** Seconds as 45s, 3m 05s, 2h 07m. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export function formatDate(ms: number | null | undefined): string {
  if (!ms) return '–'
  const d = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A class label by name; a negative label (no pseudo-label yet) as a dash. */
export function formatLabel(classNames: readonly string[], label: number): string {
  return label < 0 ? '–' : (classNames[label] ?? String(label))
}

/** How often training batches drew a sample: a never-drawn one says so (its last step is -1). */
export function formatSeen(timesSeen: number, lastStep: number): string {
  if (timesSeen <= 0 || lastStep < 0) return 'not yet seen in a training batch'
  return `${timesSeen}× in training batches, last at step ${lastStep}`
}
