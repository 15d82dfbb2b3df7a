// A sweep: a preset, a partial config laid over it, and a grid of config fields whose cross
// product gives the runs. Every run is a full config, validated here before anything runs.
import { z } from 'zod'
import { ABLATION_MODES, withAblation, withOracleName, type AblationMode } from './config/ablation'
import { withAlgorithm } from './config/algorithm-variants'
import { ALGORITHMS, describeConfigIssues, ExperimentConfigSchema, validateExperimentConfig, type AlgorithmName, type ExperimentConfig } from './config/experiment-config'
import { isJsonObject, mergeConfig, type JsonObject } from './config/merge-config'
import { PRESET_IDS, presetConfig } from './config/presets'
import { AppError } from './errors'

/** Slurm's default MaxArraySize is 1001; a sweep of more runs is surely a typo in the grid. */
export const MAX_SWEEP_RUNS = 1000

export const SweepSpecSchema = z.strictObject({
  name: z
    .string()
    .min(1, 'name must not be empty')
    .max(80, 'name must be at most 80 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name may hold letters, digits, ".", "_" and "-", starting with a letter or digit'),
  preset: z.enum(PRESET_IDS).default('quick-mnist'),
  /** Fields laid over the preset's config (deep merge), for every run. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Dotted config field -> the values it takes. */
  grid: z
    .record(z.string(), z.array(z.unknown()).min(1, 'each grid key needs at least one value'))
    .refine((grid) => Object.keys(grid).length > 0, 'grid must name at least one config field'),
  /**
   * An algorithm comparison: every grid point runs each of these as a comparison runs it
   * (withAlgorithm: USB's recipe per algorithm, e.g. Pseudo-Label at mu 1 and 3x the steps), which
   * a grid over algorithm.name cannot say. A grid's mu or lambda_u wins over a recipe's; a grid's
   * steps are scaled by it. Absent in older sweep.json files: a plain grid.
   */
  algorithms: z
    .array(z.enum(ALGORITHMS))
    .min(1, 'algorithms must name at least one algorithm')
    .refine((names) => new Set(names).size === names.length, 'algorithms must not repeat a name')
    .optional(),
  /**
   * An oracle-ablation study (issue 27): every grid point runs each of these modes on the same
   * config (withAblation: same split, seed and draws; the name says oracle). Absent in older
   * sweep.json files; not with algorithms.
   */
  ablations: z
    .array(z.enum(ABLATION_MODES))
    .min(1, 'ablations must name at least one mode')
    .refine((modes) => new Set(modes).size === modes.length, 'ablations must not repeat a mode')
    .optional()
})
export type SweepSpec = z.infer<typeof SweepSpecSchema>
export type SweepSpecInput = z.input<typeof SweepSpecSchema>

/**
 * A run's name is its session folder's and config file's name, so it is checked wherever it is
 * read (a sweep.json may come from anyone): no separators, no leading dot, and short enough that
 * `configs/<name>.json` and its temp file stay under the 255-byte file-name limit.
 */
export const MAX_RUN_NAME = 160
export const RunNameSchema = z
  .string()
  .min(1, 'a run name must not be empty')
  .max(MAX_RUN_NAME, `a run name must be at most ${MAX_RUN_NAME} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a run name may hold letters, digits, ".", "_" and "-", starting with a letter or digit')

/** The first two names that differ at most in letter case (one folder on macOS and Windows), or null. */
export function runNameClash(names: readonly string[]): [string, string] | null {
  const seen = new Map<string, string>()
  for (const name of names) {
    const other = seen.get(name.toLowerCase())
    if (other !== undefined) return [other, name]
    seen.set(name.toLowerCase(), name)
  }
  return null
}

/** One run of a sweep: its grid point and full config. */
export const SweepPointSchema = z.strictObject({
  index: z.number().int().min(0),
  /** Derived from the grid values; also the run's session folder name. */
  name: RunNameSchema,
  /** Grid key -> this run's value. */
  values: z.record(z.string(), z.unknown()),
  config: ExperimentConfigSchema
})
export type SweepPoint = z.infer<typeof SweepPointSchema>

type AnySchema = z.ZodType

/** Optional and default wrappers hide the object beneath. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as AnySchema
  return s
}

/** Every dotted path of the config schema, objects included ('algorithm', 'algorithm.threshold'). */
export function configFieldPaths(schema: AnySchema = ExperimentConfigSchema, prefix = ''): string[] {
  const s = unwrap(schema)
  if (!(s instanceof z.ZodObject)) return []
  const out: string[] = []
  for (const [key, child] of Object.entries(s.shape as Record<string, AnySchema>)) {
    const path = prefix ? `${prefix}.${key}` : key
    out.push(path, ...configFieldPaths(child, path))
  }
  return out
}

const CONFIG_PATHS: ReadonlySet<string> = new Set(configFieldPaths())

/** A copy of obj with the dotted path set to value. */
export function setPath(obj: JsonObject, path: string, value: unknown): JsonObject {
  const [head, ...rest] = path.split('.')
  if (rest.length === 0) return { ...obj, [head]: value }
  const child = isJsonObject(obj[head]) ? (obj[head] as JsonObject) : {}
  return { ...obj, [head]: setPath(child, rest.join('.'), value) }
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value)

/** A value as a folder-name piece: 0.95 -> 0.95, "wrn-28-2" -> wrn-28-2, {a:1} -> a-1. */
function slug(value: unknown): string {
  const text = typeof value === 'string' ? value : show(value)
  return text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'x'
}

/** The shortest unambiguous label of each key: its last segment, or the whole path on a clash. */
function keyLabels(keys: string[]): Map<string, string> {
  const last = (k: string): string => k.split('.').pop() as string
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(last(k), (counts.get(last(k)) ?? 0) + 1)
  return new Map(keys.map((k) => [k, (counts.get(last(k)) ?? 0) > 1 ? k : last(k)]))
}

function crossProduct(grid: Record<string, unknown[]>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}]
  for (const [key, values] of Object.entries(grid)) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })))
  }
  return points
}

/** Parses a spec (AppError 'invalid-config' with every issue), then expands and validates its runs. */
export function parseSweepSpec(input: unknown): SweepSpec {
  const parsed = SweepSpecSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
  throw new AppError('invalid-config', `invalid sweep spec: ${describeConfigIssues(issues)}`, issues)
}

/**
 * The runs of a spec, each a validated full config. Refuses (AppError 'invalid-config') a grid
 * key that is no config field, a value the config schema refuses (naming key and value), a
 * base config that is invalid, and more than MAX_SWEEP_RUNS runs.
 */
export function expandSweep(spec: SweepSpec): SweepPoint[] {
  const keys = Object.keys(spec.grid)
  const unknown = keys.filter((k) => !CONFIG_PATHS.has(k))
  if (unknown.length > 0) {
    throw new AppError('invalid-config', `grid key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} ${unknown.length > 1 ? 'are not config fields' : 'is not a config field'} (fields look like 'algorithm.threshold', 'seed', 'split.labelsPerClass')`, { keys: unknown })
  }
  if (spec.algorithms && spec.ablations) {
    throw new AppError('invalid-config', 'a sweep cannot hold both algorithms and ablations: compare algorithms in one sweep and run the ablation study in another')
  }
  const fixed = keys.filter((k) => k === 'algorithm' || k === 'algorithm.name')
  if (spec.algorithms && fixed.length > 0) {
    throw new AppError('invalid-config', `grid '${fixed[0]}' cannot vary with algorithms: the algorithms list already names each run's algorithm`, { keys: fixed })
  }
  const ablated = keys.filter((k) => k === 'ablation' || k.startsWith('ablation.'))
  if (spec.ablations && ablated.length > 0) {
    throw new AppError('invalid-config', `grid '${ablated[0]}' cannot vary with ablations: the ablations list already names each run's mode`, { keys: ablated })
  }
  const variants: readonly Variant[] = spec.algorithms?.map((algorithm) => ({ kind: 'algorithm' as const, algorithm })) ?? spec.ablations?.map((mode) => ({ kind: 'ablation' as const, mode })) ?? [null]
  const total = keys.reduce((n, k) => n * spec.grid[k].length, variants.length)
  if (total > MAX_SWEEP_RUNS) throw new AppError('invalid-config', `the grid makes ${total} runs; at most ${MAX_SWEEP_RUNS}`, { total })
  const base = mergeConfig(presetConfig(spec.preset) as unknown as JsonObject, spec.config)
  const baseCheck = validateExperimentConfig(base)
  if (!baseCheck.ok) throw new AppError('invalid-config', `invalid sweep config: ${describeConfigIssues(baseCheck.issues)}`, baseCheck.issues)
  // Each value on its own first, so the error names the key and value at fault.
  for (const key of keys) {
    for (const value of spec.grid[key]) {
      const check = validateExperimentConfig(setPath(base, key, value))
      if (!check.ok) {
        throw new AppError('invalid-config', `grid '${key}' value ${show(value)} is refused: ${describeConfigIssues(check.issues)}`, { key, value, issues: check.issues })
      }
    }
  }
  const labels = keyLabels(keys)
  const names = new Set<string>()
  // Variants innermost: the runs go seed by seed, so a comparison or study cut short still holds every variant.
  const combos = crossProduct(spec.grid).flatMap((values) => variants.map((variant) => ({ values, variant })))
  const points = combos.map(({ values: gridValues, variant }, index) => {
    const values = variant === null ? gridValues : { ...gridValues, ...variantValues(variant) }
    let name = [...keys.map((k) => `${labels.get(k)}-${slug(values[k])}`), ...(variant === null ? [] : [variantName(variant)])].join('_')
    if (names.has(name)) name = `${name}_${index}`
    names.add(name)
    refuseLongName(name, keys, values)
    let config = keys.reduce((c, k) => setPath(c, k, values[k]), base)
    // The variant on the grid point: a recipe's relative change (Pseudo-Label's 3x steps) scales
    // the grid's steps; its absolute values (mu, lambda_u) yield to the grid's, which the user asked for.
    const point = variant && validateExperimentConfig(config)
    if (variant && point?.ok) {
      config = variantConfig(point.config, variant) as unknown as JsonObject
      for (const k of keys) if (k !== 'steps') config = setPath(config, k, values[k])
    }
    if (!keys.includes('name')) config = { ...config, name: `${spec.name} ${name}`.slice(0, 200) }
    const check = validateExperimentConfig(config)
    if (!check.ok) {
      throw new AppError('invalid-config', `run ${name} (${keys.map((k) => `${k}=${show(values[k])}`).join(', ')}) is refused: ${describeConfigIssues(check.issues)}`, { values, issues: check.issues })
    }
    // A grid over 'name' must not hide that a run is an oracle.
    return { index, name, values, config: (variant?.kind === 'ablation' ? withOracleName(check.config) : check.config) satisfies ExperimentConfig }
  })
  refuseCaseClash(points)
  return points
}

/** What a grid point runs besides its grid values: an algorithm of a comparison, or a mode of a study. */
type Variant = { kind: 'algorithm'; algorithm: AlgorithmName } | { kind: 'ablation'; mode: AblationMode } | null

function variantValues(variant: NonNullable<Variant>): Record<string, unknown> {
  return variant.kind === 'algorithm' ? { 'algorithm.name': variant.algorithm } : { 'ablation.mode': variant.mode }
}

const variantName = (variant: NonNullable<Variant>): string => (variant.kind === 'algorithm' ? variant.algorithm : variant.mode)

function variantConfig(config: ExperimentConfig, variant: NonNullable<Variant>): ExperimentConfig {
  return variant.kind === 'algorithm' ? withAlgorithm(config, variant.algorithm) : withAblation(config, variant.mode)
}

/** Refused before any file is made: the name would not fit a file name. */
function refuseLongName(name: string, keys: string[], values: Record<string, unknown>): void {
  if (name.length <= MAX_RUN_NAME) return
  const longest = keys.reduce((a, b) => (slug(values[b]).length > slug(values[a]).length ? b : a))
  throw new AppError(
    'invalid-config',
    `run name ${name.slice(0, 40)}… would be ${name.length} characters, more than ${MAX_RUN_NAME} (it is also its folder's name); grid '${longest}' has a value too long for a name: use shorter values`,
    { key: longest, length: name.length }
  )
}

/** Two runs whose names differ only in letter case would share one folder on macOS and Windows. */
function refuseCaseClash(points: SweepPoint[]): void {
  const clash = runNameClash(points.map((p) => p.name))
  if (!clash) return
  throw new AppError(
    'invalid-config',
    `runs ${clash[0]} and ${clash[1]} differ only in letter case, so they would share one folder on macOS and Windows; make the grid values differ in more than case`,
    { names: clash }
  )
}
