// The grid editor's rows (a config field and its values as typed) to a sweep grid: values
// parsed by the field's kind, errors as message keys for the view to translate.
import type { FieldKind } from './config-fields'

export interface GridRow {
  path: string
  /** Comma-separated, as typed: "0.9, 0.95". */
  values: string
}

export interface GridRowError {
  key: 'sweeps.gridError.noField' | 'sweeps.gridError.duplicate' | 'sweeps.gridError.empty' | 'sweeps.gridError.number' | 'sweeps.gridError.bool' | 'sweeps.gridError.option'
  value?: string
}

export interface GridCheck {
  grid: Record<string, unknown[]>
  /** By row index. */
  errors: Record<number, GridRowError>
  /** The cross product's size (0 while a row is wrong). */
  runs: number
}

export function parseGridValues(kind: FieldKind, text: string, options: readonly string[] = []): unknown[] | GridRowError {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '')
  if (parts.length === 0) return { key: 'sweeps.gridError.empty' }
  const out: unknown[] = []
  for (const part of parts) {
    if (kind === 'int' || kind === 'number') {
      const n = Number(part)
      if (!Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) return { key: 'sweeps.gridError.number', value: part }
      out.push(n)
    } else if (kind === 'bool' || kind === 'tri-bool') {
      if (part === 'true' || part === 'false') out.push(part === 'true')
      else if (kind === 'tri-bool' && part === 'auto') out.push(null)
      else return { key: 'sweeps.gridError.bool', value: part }
    } else if (kind === 'enum' && options.length > 0 && !options.includes(part)) {
      return { key: 'sweeps.gridError.option', value: part }
    } else out.push(part)
  }
  return out
}

export function checkGrid(rows: readonly GridRow[], field: (path: string) => { kind: FieldKind; options?: readonly string[] } | undefined): GridCheck {
  const grid: Record<string, unknown[]> = {}
  const errors: Record<number, GridRowError> = {}
  rows.forEach((row, i) => {
    const spec = field(row.path)
    if (!spec) errors[i] = { key: 'sweeps.gridError.noField' }
    else if (row.path in grid) errors[i] = { key: 'sweeps.gridError.duplicate' }
    else {
      const values = parseGridValues(spec.kind, row.values, spec.options)
      if (Array.isArray(values)) grid[row.path] = values
      else errors[i] = values
    }
  })
  const ok = Object.keys(errors).length === 0 && Object.keys(grid).length > 0
  return { grid, errors, runs: ok ? Object.values(grid).reduce((n, v) => n * v.length, 1) : 0 }
}
