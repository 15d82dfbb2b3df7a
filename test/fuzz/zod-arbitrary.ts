// Payloads from the contract's own zod schemas: the right shape with hostile leaves, and now
// and then a wrong type or an extra key. Walks zod 4's definitions; whatever kind it does not
// know gets an arbitrary value, so a new schema kind is fuzzed too, only less precisely.
import fc from 'fast-check'
import type { z } from 'zod'
import { wrongType } from './hostile-values'

export interface LeafSource {
  string: fc.Arbitrary<string>
  /** What goes where the schema says unknown (a run's config, a grid's values), by path. */
  unknown(path: readonly string[]): fc.Arbitrary<unknown>
  /** A whole subtree chosen by the caller (a grid over the config's fields), or undefined. */
  override?(path: readonly string[]): fc.Arbitrary<unknown> | undefined
}

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  keyType?: z.ZodType
  valueType?: z.ZodType
  element?: z.ZodType
  options?: z.ZodType[]
  entries?: Record<string, string | number>
  values?: unknown[]
  in?: z.ZodType
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def

const OMITTABLE = new Set(['optional', 'default', 'prefault'])

const hostileNumber = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 2 ** 31, 2 ** 53, 100_001, 1e9) },
  { weight: 1, arbitrary: fc.integer() }
)

function shaped(schema: z.ZodType, leaves: LeafSource, path: readonly string[]): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {}
      const keys = Object.keys(shape)
      // Keys the schema requires are there (a missing one is the wrong-type case's job).
      const requiredKeys = keys.filter((k) => !OMITTABLE.has(defOf(shape[k]).type))
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, payloadFor(shape[k], leaves, [...path, k])])), { requiredKeys })
      const extra = fc.tuple(leaves.string, fc.anything({ maxDepth: 1 }))
      const maybeExtra = fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: extra })
      return fc.tuple(record, maybeExtra).map(([value, more]) => (more ? { ...value, [more[0]]: more[1] } : value))
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return fc.oneof(fc.constant(undefined), shaped(def.innerType as z.ZodType, leaves, path))
    case 'nullable':
      return fc.oneof(fc.constant(null), shaped(def.innerType as z.ZodType, leaves, path))
    case 'pipe':
      return shaped(def.in as z.ZodType, leaves, path)
    case 'string':
      return leaves.string
    case 'number':
    case 'int':
      return hostileNumber
    case 'boolean':
      return fc.boolean()
    case 'undefined':
      return fc.constant(undefined)
    case 'null':
      return fc.constant(null)
    case 'enum':
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })) }, { weight: 1, arbitrary: leaves.string })
    case 'literal':
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...(def.values ?? [null])) }, { weight: 1, arbitrary: leaves.string })
    case 'array':
      return fc.array(payloadFor(def.element as z.ZodType, leaves, [...path, '*']), { maxLength: 6 })
    case 'record':
      return fc.dictionary(leaves.string, payloadFor(def.valueType as z.ZodType, leaves, [...path, '*']), { maxKeys: 4 })
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => shaped(option, leaves, path)))
    case 'unknown':
    case 'any':
      return leaves.unknown(path)
    default:
      return fc.anything({ maxDepth: 2 })
  }
}

/** A payload for the schema: mostly the right shape, now and then a wrong type at this level. */
export function payloadFor(schema: z.ZodType, leaves: LeafSource, path: readonly string[] = []): fc.Arbitrary<unknown> {
  const right = leaves.override?.(path) ?? shaped(schema, leaves, path)
  return fc.oneof({ weight: 30, arbitrary: right }, { weight: 1, arbitrary: wrongType })
}

/** Whether a schema has an unknown anywhere (a config or grid values: the richest payloads). */
export function takesUnknown(schema: z.ZodType): boolean {
  const def = defOf(schema)
  if (def.type === 'unknown' || def.type === 'any') return true
  const children = [...Object.values(def.shape ?? {}), def.innerType, def.valueType, def.element, def.in, ...(def.options ?? [])]
  return children.some((child) => child !== undefined && takesUnknown(child))
}
