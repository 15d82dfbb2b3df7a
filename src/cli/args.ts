// Command-line options of `npm run experiment`, parsed strictly: an unknown flag, a
// non-numeric number or an invalid config is a UsageError (exit code 2).
import { parseArgs } from 'node:util'
import { BACKEND_NAMES } from '../shared/backends'
import { ABLATION_MODES, type Ablation, type AblationMode } from '../shared/config/ablation'
import { ALGORITHMS, DATASET_IDS, describeConfigIssues, type AlgorithmName, validateExperimentConfig, type ExperimentConfig } from '../shared/config/experiment-config'
import { PRESET_IDS, findPreset } from '../shared/config/presets'
import { isJsonObject as isObject, mergeConfig, type JsonObject as Json } from '../shared/config/merge-config'
import { MAX_TRAINING_THREADS, ONEDNN_ENV, TRAINING_THREADS_ENV } from '../shared/training-threads'
import { FIGURES_HELP } from './figures-help'

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CliOptions {
  help: boolean
  preset: string | null
  configFile: string | null
  dataset: string | null
  dataDir: string | null
  labelsPerClass: number | null
  steps: number | null
  out: string | null
  resume: string | null
  backend: string | null
  seed: number | null
  /** --threads N: wasm threads for this run (null: every core, or $PSEUDOSCOPE_WASM_THREADS). */
  threads: number | null
  /** --compare-algorithms: one session per algorithm under --out, on the same split and seed. */
  compareAlgorithms: boolean
  /** --algorithms LIST: which ones (default the preset's list, else all). */
  algorithms: AlgorithmName[] | null
  /** --seeds N: training seeds per algorithm in a comparison, or per mode in an ablation study (default 3). */
  seeds: number | null
  /** --ablation MODE[:RATE]: an oracle ablation run (issue 27). */
  ablation: Ablation | null
  /** --ablation-study: none, oracle-mask and oracle-correct on --seeds training seeds. */
  ablationStudy: boolean
}

export const USAGE = `Usage: npm run experiment -- [options]

Runs a semi-supervised experiment (FixMatch by default) headless and writes a session folder
the app opens. The config fields behind --config: docs/reference/config.md; complete
configs to start from: examples/.

  --preset ID            start from a preset: ${PRESET_IDS.join(', ')} (default quick-mnist)
  --config FILE          JSON experiment config; with --preset, its fields override the preset's
  --dataset NAME         ${DATASET_IDS.join(', ')}
  --data-dir DIR         folder or archive with the dataset files (CIFAR)
  --labels-per-class N   labeled images per class
  --steps N              total training steps (with --resume: may extend the run)
  --seed N               seed for init, sampling and augmentation
  --backend NAME         auto, ${BACKEND_NAMES.join(', ')}
  --threads N            wasm threads, 1 to ${MAX_TRAINING_THREADS} (default every core, or $${TRAINING_THREADS_ENV});
                         they change the speed (with oneDNN convolutions, on some CPUs, the
                         last digits of the results too)
  --out DIR              session folder (default ./sessions/<name>-<timestamp>)
  --resume DIR           continue the session in DIR from its checkpoint
  --compare-algorithms   run ${ALGORITHMS.join(', ')} on one split, each on
                         --seeds training seeds (--seed, --seed + 1, ...), one session after another
                         under --out/ALGORITHM/seed-N, and print mean ± std of test accuracy and
                         pseudo-label figures, and Welch's t for every pair (fullysupervised is an
                         oracle: every training label)
  --algorithms LIST      with --compare-algorithms: a comma-separated subset
  --seeds N              with --compare-algorithms or --ablation-study: training seeds per
                         algorithm or mode (default 3)
  --ablation MODE[:RATE] an oracle ablation, a diagnostic experiment that trains on the hidden
                         true labels: ${ABLATION_MODES.filter((m) => m !== 'none').join(', ')} (noise:0.2 flips
                         20% of the pseudo-labels that count to a wrong class)
  --ablation-study       what do wrong pseudo-labels cost? Runs none, oracle-mask and
                         oracle-correct on --seeds training seeds of the config, under
                         --out/MODE/seed-N, and prints final test accuracy per mode and the cost
                         (oracle-mask - none, paired by seed) with its 95% interval; with
                         --resume DIR, continues every run of the study in DIR that is not finished
  --help                 this text

Ctrl-C or SIGTERM checkpoints and exits with code 130 / 143; --resume continues from there.
Exit codes: 0 finished, 1 the run failed, 2 bad options or config (nothing changed).

On wasm the convolutions run on oneDNN (native) where npm ci built its addon (Linux, with g++
and libdnnl-dev); ${ONEDNN_ENV}=off runs them on the wasm kernels. The first line says which.

${FIGURES_HELP}`

/** Error text as one line: JSON.parse and node quote the offending input, newlines and all. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

function integer(flag: string, value: string | undefined, min: number): number | null {
  if (value === undefined) return null
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${flag} must be an integer, got '${value}'`)
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got ${value}`)
  return n
}

/** node:util parseArgs, its errors and any positional argument as UsageErrors (the sweep CLI shares it). */
export function parseStrict<T extends { positionals: string[] }>(parse: () => T): T {
  let parsed: T
  try {
    parsed = parse()
  } catch (error) {
    // Node's own text for an unknown option ends in a half-quoted hint; say it plainly.
    const message = oneLine((error as Error).message)
    const unknown = /^Unknown option '([^']+)'/.exec(message)
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : message)
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`)
  return parsed
}

export function parseCliArgs(argv: string[]): CliOptions {
  const v = parseStrict(() => parse(argv)).values
  return {
    help: v.help === true,
    preset: v.preset ?? null,
    configFile: v.config ?? null,
    dataset: v.dataset ?? null,
    dataDir: v['data-dir'] ?? null,
    labelsPerClass: integer('labels-per-class', v['labels-per-class'], 1),
    steps: integer('steps', v.steps, 1),
    out: v.out ?? null,
    resume: v.resume ?? null,
    backend: v.backend ?? null,
    seed: integer('seed', v.seed, 0),
    threads: threadCount(v.threads),
    compareAlgorithms: v['compare-algorithms'] === true,
    algorithms: algorithmList(v.algorithms, v['compare-algorithms'] === true),
    seeds: seedCount(v.seeds, v['compare-algorithms'] === true || v['ablation-study'] === true),
    ablation: ablationFlag(v.ablation),
    ablationStudy: studyFlag(v['ablation-study'] === true, v)
  }
}

/** MODE or noise:RATE. */
function ablationFlag(value: string | undefined): Ablation | null {
  if (value === undefined) return null
  const [mode, rate, ...rest] = value.split(':')
  if (!(ABLATION_MODES as readonly string[]).includes(mode) || rest.length > 0) {
    throw new UsageError(`--ablation: unknown mode '${value}' (known: ${ABLATION_MODES.join(', ')}; noise takes a rate, e.g. noise:0.2)`)
  }
  if (mode !== 'noise') {
    if (rate !== undefined) throw new UsageError(`--ablation: only noise takes a rate (noise:0.2), not ${mode}`)
    return { mode: mode as AblationMode, noiseRate: 0 }
  }
  const noiseRate = rate === undefined ? Number.NaN : Number(rate)
  if (rate === undefined || rate.trim() === '' || !(noiseRate >= 0 && noiseRate <= 1)) throw new UsageError(`--ablation noise needs a rate in [0, 1], e.g. noise:0.2, got '${value}'`)
  return { mode: 'noise', noiseRate }
}

function studyFlag(study: boolean, v: { 'compare-algorithms'?: boolean; ablation?: string; algorithms?: string }): boolean {
  if (!study) return false
  if (v['compare-algorithms'] === true) throw new UsageError('--ablation-study and --compare-algorithms cannot run together; run one, then the other')
  if (v.ablation !== undefined) throw new UsageError('--ablation-study runs its own modes (none, oracle-mask, oracle-correct); leave out --ablation')
  return true
}

function threadCount(value: string | undefined): number | null {
  const n = integer('threads', value, 1)
  if (n !== null && n > MAX_TRAINING_THREADS) throw new UsageError(`--threads must be at most ${MAX_TRAINING_THREADS} (the wasm build's pool), got ${n}`)
  return n
}

function seedCount(value: string | undefined, comparing: boolean): number | null {
  if (value !== undefined && !comparing) throw new UsageError('--seeds only applies with --compare-algorithms or --ablation-study')
  return integer('seeds', value, 1)
}

function algorithmList(value: string | undefined, comparing: boolean): AlgorithmName[] | null {
  if (value === undefined) return null
  if (!comparing) throw new UsageError('--algorithms only applies with --compare-algorithms')
  const names = value.split(',').map((n) => n.trim()).filter((n) => n.length > 0)
  const unknown = names.filter((n) => !(ALGORITHMS as readonly string[]).includes(n))
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--algorithms: ${unknown.length > 0 ? `unknown '${unknown.join("', '")}'` : 'empty list'} (known: ${ALGORITHMS.join(', ')})`)
  }
  return [...new Set(names)] as AlgorithmName[]
}

/**
 * Joins '--steps -3' into '--steps=-3', so a negative number reaches validation ("must be
 * >= 1") instead of node's parser calling it ambiguous (allowNegative needs Node 22).
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1]
    if (argv[i].startsWith('--') && !argv[i].includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`)
      i++
    } else out.push(argv[i])
  }
  return out
}

function parse(argv: string[]) {
  const text = { type: 'string' } as const
  return parseArgs({
    args: joinNegativeValues(argv),
    strict: true,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      preset: text,
      config: text,
      dataset: text,
      'data-dir': text,
      'labels-per-class': text,
      steps: text,
      out: text,
      resume: text,
      backend: text,
      seed: text,
      threads: text,
      'compare-algorithms': { type: 'boolean' },
      algorithms: text,
      seeds: text,
      ablation: text,
      'ablation-study': { type: 'boolean' }
    }
  })
}

/** Preset (and/or config file) plus flag overrides, validated. */
export function buildConfig(options: CliOptions, fileConfig: unknown | null): ExperimentConfig {
  let base: Json
  if (options.preset !== null || fileConfig === null) {
    const id = options.preset ?? 'quick-mnist'
    const preset = findPreset(id)
    if (!preset) throw new UsageError(`unknown preset '${id}' (known: ${PRESET_IDS.join(', ')})`)
    base = structuredClone(preset.config) as unknown as Json
    if (fileConfig !== null) {
      if (!isObject(fileConfig)) throw new UsageError('--config: the file must hold a JSON object')
      base = mergeConfig(base, fileConfig)
    }
  } else {
    base = fileConfig as Json
    try {
      return applyOverrides(base, options)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      throw new UsageError(`${error.message} (a --config file alone must be a complete config; with --preset ID it only overrides the preset's fields)`)
    }
  }
  return applyOverrides(base, options)
}

export function applyOverrides(base: Json, options: CliOptions): ExperimentConfig {
  const patch: Json = {}
  if (options.dataset !== null) {
    if (!(DATASET_IDS as readonly string[]).includes(options.dataset)) {
      throw new UsageError(`unknown dataset '${options.dataset}' (known: ${DATASET_IDS.join(', ')})`)
    }
    patch.dataset = { id: options.dataset }
  }
  if (options.dataDir !== null) patch.dataset = { ...(patch.dataset as Json), dataDir: options.dataDir }
  if (options.labelsPerClass !== null) patch.split = { labelsPerClass: options.labelsPerClass }
  if (options.steps !== null) patch.steps = options.steps
  if (options.seed !== null) patch.seed = options.seed
  if (options.ablation !== null) patch.ablation = { ...options.ablation }
  if (options.backend !== null) {
    if (options.backend !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(options.backend)) {
      throw new UsageError(`unknown backend '${options.backend}' (known: auto, ${BACKEND_NAMES.join(', ')})`)
    }
    patch.backend = options.backend
  }
  const result = validateExperimentConfig(mergeConfig(base, patch))
  if (!result.ok) {
    throw new UsageError(`invalid config: ${describeConfigIssues(result.issues)}`)
  }
  return result.config
}
