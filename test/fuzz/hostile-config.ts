// Run configs and grids as a compromised renderer sends them: a real preset with a few
// fields set to hostile values, and grids over the config's own field paths (dataset.dataDir
// among them) whose values are hostile paths and option strings.
import fc from 'fast-check'
import { PRESET_IDS, presetConfig } from '../../src/shared/config/presets'
import { configFieldPaths, setPath } from '../../src/shared/sweep-spec'
import type { LeafSource } from './zod-arbitrary'

type Json = Record<string, unknown>

/** The config's fields, derived from its schema (no hand-kept list). */
export const CONFIG_PATHS = configFieldPaths()

/** A value a grid or a config field may get: hostile strings, odd numbers, nested junk. */
export function hostileValue(string: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: string },
    { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -1, 0.95, 1e9, true, null)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }
  )
}

const BASE = presetConfig('quick-mnist') as unknown as Json

/** The base preset's value at a dotted path (undefined where it sets none, as dataset.dataDir). */
const baseValue = (path: string, base: Json = BASE): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), base)

/** A value for a field: often the preset's own (so the rest of a payload gets through), else hostile. */
function fieldValue(path: string, string: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const own = baseValue(path)
  return own === undefined ? hostileValue(string) : fc.oneof({ weight: 3, arbitrary: fc.constant(own) }, { weight: 2, arbitrary: hostileValue(string) })
}

/** A preset's config; small (few steps) so an accepted run is short; some fields made hostile. */
export function hostileConfig(string: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const preset = fc.constantFrom(...PRESET_IDS).map((id) => ({ ...presetConfig(id), steps: 4 }) as unknown as Json)
  const edit = fc.constantFrom(...CONFIG_PATHS).chain((path) => fc.tuple(fc.constant(path), hostileValue(string)))
  const edits = fc.oneof(fc.constant([]), fc.array(edit, { minLength: 1, maxLength: 2 }))
  return fc.tuple(preset, edits).map(([config, list]) => list.reduce((c, [path, value]) => setPath(c, path, value), config))
}

/** Fields no preset sets (dataset.dataDir): the ones the app's forms never send, so the likeliest to slip through. */
export const UNSET_PATHS = CONFIG_PATHS.filter((path) => PRESET_IDS.every((id) => baseValue(path, presetConfig(id) as unknown as Json) === undefined))

/** A grid: the config's field paths (now and then a hostile key) to a few values each. */
export function hostileGrid(string: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown[]>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...CONFIG_PATHS) },
    { weight: 4, arbitrary: fc.constantFrom(...UNSET_PATHS) },
    { weight: 1, arbitrary: string }
  )
  const entry = key.chain((k) => fc.tuple(fc.constant(k), fc.array(fieldValue(k, string), { minLength: 1, maxLength: 3 })))
  return fc.array(entry, { minLength: 1, maxLength: 2 }).map((entries) => Object.fromEntries(entries))
}

/** Leaves for payloadFor: configs where a config goes, grids where a grid goes. */
export function configLeaves(string: fc.Arbitrary<string>): LeafSource {
  return {
    string,
    unknown: (path) => (path.at(-1) === 'config' ? hostileConfig(string) : hostileValue(string)),
    override: (path) => (path.length === 1 && path[0] === 'grid' ? hostileGrid(string) : undefined)
  }
}
