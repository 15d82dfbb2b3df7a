// The session folders one `npm run experiment -- --compare-algorithms --out DIR` wrote
// (DIR/<algorithm>/seed-<n>/), read through the session reader into the inputs of the shared
// comparison summary, and checked to be one comparison: the same dataset, split, steps and
// config on every run, apart from the algorithm and the training seed.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ComparisonRecipe } from '../../shared/algorithms/definition'
import { definitionOf } from '../../shared/algorithms/registry'
import type { ComparisonRunInput } from '../../shared/analysis/comparison-run'
import { comparisonSteps, withAlgorithm } from '../../shared/config/algorithm-variants'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { PRESETS } from '../../shared/config/presets'
import { AppError } from '../../shared/errors'
import type { BackendReport } from '../../shared/backends'
import type { SessionManifest } from '../../shared/sessions'
import { readSessionFolder } from '../session/session-reader'
import { entryKind } from '../session/untrusted-fs'

export interface ComparisonFolderRun {
  dir: string
  manifest: SessionManifest
  input: ComparisonRunInput
}

export interface ComparisonFolders {
  runs: ComparisonFolderRun[]
  /** Session folders that are not finished (running, stopped, failed), left out of the table. */
  unfinished: string[]
  /** The preset the runs' config is (steps aside), or null for a custom config. */
  preset: string | null
  /** The comparison's steps: what an algorithm without a stepsFactor in its recipe trains. */
  steps: number
  /** When the last run finished, ms since the epoch. */
  finishedAt: number
  backends: BackendReport[]
}

/** The recipe keys (definition.recipe: Pseudo-Label's mu and stepsFactor ...) of a run's algorithm. */
type RecipeKey = keyof ComparisonRecipe
const recipeKeys = (config: ExperimentConfig): RecipeKey[] => Object.keys(definitionOf(config.algorithm.name).recipe ?? {}) as RecipeKey[]

/**
 * What must agree between the runs of one comparison: the config without its name, training
 * seed, backend choice and algorithm. The fields a recipe in `masked` sets are left out (mu,
 * lambda_u), or read as the comparison's own (steps undone by a stepsFactor).
 */
function comparisonKey(config: ExperimentConfig, masked: ReadonlySet<RecipeKey> = new Set()): Record<string, unknown> {
  const { name: _name, seed: _seed, backend: _backend, ...rest } = config
  return {
    ...rest,
    steps: masked.has('stepsFactor') ? comparisonSteps(config) : config.steps,
    algorithm: { ...config.algorithm, name: null, lambdaU: masked.has('lambdaU') ? null : config.algorithm.lambdaU },
    batch: { ...config.batch, mu: masked.has('mu') ? null : config.batch.mu }
  }
}

/** The runs whose algorithms share a comparison recipe must share its fields too. */
const recipeOf = (config: ExperimentConfig): string => JSON.stringify(definitionOf(config.algorithm.name).recipe ?? {})

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function presetOf(config: ExperimentConfig): string | null {
  const key = comparisonKey({ ...config, steps: 0 })
  const found = PRESETS.find((p) => p.compareAlgorithms && same(comparisonKey({ ...withAlgorithm(p.config, config.algorithm.name), steps: 0 }), key))
  return found?.id ?? null
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new AppError('not-found', `--runs: cannot read ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { path: dir })
  })
  return entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort()
}

/** Refuses runs that are not one comparison, naming the first field that differs. */
function checkOneComparison(runs: readonly ComparisonFolderRun[]): void {
  for (const run of runs) {
    // Against the first run, all but the fields either one's recipe sets; against the first run
    // with the same recipe, those too.
    const first = runs[0]
    const kin = runs.find((r) => recipeOf(r.manifest.config) === recipeOf(run.manifest.config)) ?? run
    const recipes = new Set([...recipeKeys(first.manifest.config), ...recipeKeys(run.manifest.config)])
    for (const [other, masked] of [[first, recipes], [kin, new Set<RecipeKey>()]] as const) {
      const a = comparisonKey(other.manifest.config, masked)
      const b = comparisonKey(run.manifest.config, masked)
      if (same(a, b)) continue
      const field = Object.keys(a).find((k) => !same(a[k], b[k])) ?? 'config'
      const shown = (c: ExperimentConfig): string => JSON.stringify(comparisonKey(c, masked)[field])
      throw new AppError(
        'invalid-config',
        `--runs: these sessions are not one comparison: they differ in ${field} (${other.dir}: ${shown(other.manifest.config)}, ${run.dir}: ${shown(run.manifest.config)}); give a folder of one --compare-algorithms run`
      )
    }
  }
}

export async function readComparisonFolders(dir: string): Promise<ComparisonFolders> {
  const runs: ComparisonFolderRun[] = []
  const unfinished: string[] = []
  for (const algorithmDir of await subfolders(dir)) {
    for (const sessionDir of await subfolders(algorithmDir)) {
      if ((await entryKind(join(sessionDir, 'session.json'))) !== 'file') continue
      const folder = await readSessionFolder(sessionDir)
      const { manifest } = folder
      if (manifest.status !== 'finished') {
        unfinished.push(`${sessionDir} (${manifest.status})`)
        continue
      }
      const config = manifest.config
      const input = { algorithm: config.algorithm.name, seed: config.seed, status: manifest.status, metrics: folder.metrics, evals: folder.evals, sweeps: folder.sweeps }
      runs.push({ dir: sessionDir, manifest, input })
    }
  }
  if (runs.length === 0) {
    const why = unfinished.length > 0 ? `its ${unfinished.length} session(s) are unfinished` : 'it holds no session folders <algorithm>/seed-<n>/'
    throw new AppError('not-found', `--runs: ${dir} has no finished comparison runs (${why}); run npm run experiment -- --preset algorithm-comparison-quick-mnist --compare-algorithms --out ${dir}`)
  }
  checkOneComparison(runs)
  const ends = runs.map((r) => r.manifest.segments.at(-1)?.endedAt ?? r.manifest.updatedAt)
  const backends = runs.flatMap((r) => r.manifest.segments.map((s) => s.backend).filter((b): b is BackendReport => b !== null))
  const distinct = backends.filter((b, i) => backends.findIndex((o) => same(o.name, b.name) && o.threads === b.threads && o.onednn === b.onednn) === i)
  return { runs, unfinished, preset: presetOf(runs[0].manifest.config), steps: comparisonSteps(runs[0].manifest.config), finishedAt: Math.max(...ends), backends: distinct }
}
