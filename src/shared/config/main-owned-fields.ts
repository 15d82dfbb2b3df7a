// Config fields only main sets: the renderer may not name them, directly or through a grid,
// a preset or a sweep config. Main checks the fully built config of every run it is asked
// to start (SECURITY.md: the renderer is untrusted), not the request that built it.
import { AppError } from '../errors'
import type { ExperimentConfig } from './experiment-config'

/** Dotted paths of an object type's fields, nested objects included. */
type FieldPath<T> = T extends object
  ? { [K in keyof T & string]: K | (NonNullable<T[K]> extends object ? `${K}.${FieldPath<NonNullable<T[K]>>}` : never) }[keyof T & string]
  : never

/** dataset.dataDir: the data folder is the copy imported in the Datasets view, never a path the renderer names. */
export const MAIN_OWNED_FIELDS = ['dataset.dataDir'] as const satisfies readonly FieldPath<ExperimentConfig>[]
export type MainOwnedField = (typeof MAIN_OWNED_FIELDS)[number]

const WHY: Record<MainOwnedField, string> = {
  'dataset.dataDir': 'is set by the app from the dataset imported in the Datasets view'
}

function valueAt(config: unknown, path: string): unknown {
  let node = config
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** The main-owned fields this config sets (any value but undefined). */
export function mainOwnedFieldsIn(config: unknown): MainOwnedField[] {
  return MAIN_OWNED_FIELDS.filter((path) => valueAt(config, path) !== undefined)
}

/** Throws AppError 'invalid-payload' naming the first main-owned field the config sets; `what` names the run in the message. */
export function refuseMainOwnedFields(config: unknown, what = 'the run config'): void {
  const [field] = mainOwnedFieldsIn(config)
  if (field === undefined) return
  throw new AppError('invalid-payload', `${what}: ${field} ${WHY[field]}; leave it out`, { field })
}
