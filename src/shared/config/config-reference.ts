// The docs' config reference (docs/reference/config.md), generated from ExperimentConfigSchema (type, range, default)
// and CONFIG_FIELD_DOCS (meaning), with each preset's value beside: `npm run docs:config`
// writes it, and a test fails when the docs' copy is stale.
import { z } from 'zod'
import { CONFIG_FIELD_DOCS, type ConfigFieldPath } from './config-docs'
import { ExperimentConfigSchema } from './experiment-config'
import { PRESETS } from './presets'

interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  default?: unknown
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  maxLength?: number
}

export interface ConfigFieldRow {
  path: ConfigFieldPath
  meaning: string
  range: string
  /** The schema's default, 'required' or 'optional'. */
  default: string
  /** The value in each preset, in PRESETS order. */
  presets: string[]
}

const code = (v: unknown): string => `\`${JSON.stringify(v)}\``
const num = (v: number): string => (Number.isInteger(v) && Math.abs(v) >= 1e4 ? v.toLocaleString('en-US') : String(v))

function rangeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(rangeOf).join(', ')
  if (Array.isArray(s.type)) return s.type.map((type) => rangeOf({ ...s, type })).join(', ')
  if (s.enum) return s.enum.map(code).join(', ')
  if (s.const !== undefined) return code(s.const)
  if (s.type === 'boolean') return '`true`, `false`'
  if (s.type === 'null') return '`null`'
  if (s.type === 'string') return s.maxLength !== undefined ? `text, up to ${s.maxLength} characters` : 'text'
  const low = s.exclusiveMinimum !== undefined ? `(${num(s.exclusiveMinimum)}` : s.minimum !== undefined ? `[${num(s.minimum)}` : null
  const high =
    s.exclusiveMaximum !== undefined ? `${num(s.exclusiveMaximum)})` : s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `${num(s.maximum)}]` : null
  const kind = s.type === 'integer' ? 'integer' : 'number'
  if (low && high) return `${kind} in ${low}, ${high}`
  if (low) return `${kind} ${low.startsWith('(') ? '>' : '>='} ${low.slice(1)}`
  if (high) return `${kind} ${high.endsWith(')') ? '<' : '<='} ${high.slice(0, -1)}`
  return kind
}

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), config)
}

const presetValue = (v: unknown): string => (v === undefined ? '-' : code(typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v))

/** One row per config field, in schema order. */
export function configFieldRows(): ConfigFieldRow[] {
  const rows: ConfigFieldRow[] = []
  const walk = (s: JsonSchema, prefix: string): void => {
    for (const [key, field] of Object.entries(s.properties ?? {})) {
      const path = `${prefix}${key}`
      if (field.type === 'object' && field.properties) {
        walk(field, `${path}.`)
        continue
      }
      const docs: Record<string, string> = CONFIG_FIELD_DOCS
      const meaning = docs[path]
      if (meaning === undefined) throw new Error(`config field ${path} has no entry in CONFIG_FIELD_DOCS`)
      rows.push({
        path: path as ConfigFieldPath,
        meaning,
        range: rangeOf(field),
        default: field.default !== undefined ? code(field.default) : s.required?.includes(key) ? 'required' : 'optional',
        presets: PRESETS.map((p) => presetValue(valueAt(p.config, path)))
      })
    }
  }
  walk(z.toJSONSchema(ExperimentConfigSchema, { io: 'input' }) as JsonSchema, '')
  return rows
}

const cell = (text: string): string => text.replace(/\|/g, '\\|')

/** The markdown table the config reference page holds between its config-reference markers. */
export function configReferenceTable(): string {
  const header = ['Field', 'Meaning', 'Range', 'Default', ...PRESETS.map((p) => `\`${p.id}\``)]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`]
  for (const r of configFieldRows()) lines.push(`| ${[`\`${r.path}\``, r.meaning, r.range, r.default, ...r.presets].map(cell).join(' | ')} |`)
  return lines.join('\n')
}

export const CONFIG_REFERENCE_START = '<!-- config-reference: generated from the schema by `npm run docs:config`; do not edit by hand -->'
export const CONFIG_REFERENCE_END = '<!-- /config-reference -->'

/** A page with its config reference replaced by the current one; throws without the markers. */
export function withConfigReference(readme: string): string {
  const start = readme.indexOf(CONFIG_REFERENCE_START)
  const end = readme.indexOf(CONFIG_REFERENCE_END)
  if (start < 0 || end < start) throw new Error(`the page has no config-reference markers (${CONFIG_REFERENCE_START} ... ${CONFIG_REFERENCE_END})`)
  return `${readme.slice(0, start + CONFIG_REFERENCE_START.length)}\n\n${configReferenceTable()}\n\n${readme.slice(end)}`
}
