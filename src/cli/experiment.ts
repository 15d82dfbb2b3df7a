// `npm run experiment -- [options]`: the FixMatch engine from a terminal. Runs the Trainer
// in this process, prints progress and a summary, writes the same session folder the app opens.
// Exit codes: 0 done, 1 run failed, 2 bad options or config, 130 Ctrl-C and 143 SIGTERM
// (checkpointed, resumable).
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { BackendReport } from '../shared/backends'
import { AppError, toErrorPayload } from '../shared/errors'
import { resumeRefusal } from '../shared/resume-rule'
import { shellQuote } from '../shared/shell-quote'
import type { EvalRecord, StepMetrics, SweepRecord } from '../shared/metrics'
import { summarizeComparison } from '../shared/analysis/comparison-summary'
import type { ComparisonRunInput } from '../shared/analysis/comparison-run'
import { comparisonRuns, DEFAULT_COMPARISON_SEEDS } from '../shared/config/algorithm-variants'
import { ABLATION_MEANINGS, ablationLabel, ablationOf, isOracle, withOracleName } from '../shared/config/ablation'
import { DEFAULT_ABLATION_SEEDS } from '../shared/config/ablation-study'
import { ALGORITHMS, type ExperimentConfig } from '../shared/config/experiment-config'
import { findPreset } from '../shared/config/presets'
import { TRAINING_THREADS_ENV } from '../shared/training-threads'
import type { WorkerEvent } from '../shared/worker-protocol'
import { readManifest } from '../node/session/manifest-file'
import { readSessionFolder } from '../node/session/session-reader'
import { makeFolders } from '../node/session/make-folders'
import { claimNewFolder } from '../node/session/writer-files'
import { applyOverrides, buildConfig, oneLine, parseCliArgs, USAGE, UsageError, type CliOptions } from './args'
import { resumeAblationStudy, startAblationStudy } from './ablation-study'
import { formatComparison } from './compare-table'
import { Interrupt } from './interrupt'
import { ALGORITHM_RULE_KIND } from '../shared/algorithms/registry'
import { ProgressPrinter } from './progress'
import { SUMMARY_WINDOW, formatAdapter, formatSummary } from './summary'

const REFUSALS: ReadonlySet<string> = new Set(['invalid-config', 'conflict', 'already-exists'])
/** A session folder refused before the first step (a symlink, a FIFO, a damaged checkpoint): nothing was written. */
const FOLDER_REFUSALS: ReadonlySet<string> = new Set(['session-corrupt', 'session-unsupported-version'])
const refusedBeforeStart = new WeakSet<object>()

/** ./sessions/<name>-<timestamp>, made now so a run started in the same second gets -2. */
function defaultOut(config: ExperimentConfig): Promise<string> {
  const slug = (config.name || config.dataset.id).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run'
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return claimNewFolder(resolve('sessions'), `${slug}-${stamp}`)
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`--config: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--config: ${path} is not valid JSON (${oneLine((error as Error).message)})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--config: ${path} must hold a JSON object, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`)
  }
  return value
}

/** The config to run and the folder to write. */
async function plan(options: CliOptions): Promise<{ config: ExperimentConfig; dir: string; resume: boolean }> {
  if (options.resume !== null) {
    const changed = (['preset', 'configFile', 'dataset', 'dataDir', 'labelsPerClass', 'seed', 'out', 'ablation'] as const).filter((k) => options[k] !== null)
    if (changed.length > 0) throw new UsageError(`--resume continues the session's own config; only --steps, --backend and --threads may change it`)
    const dir = resolve(options.resume)
    const manifest = await readManifest(dir).catch((error: unknown) => {
      throw new UsageError(`--resume: ${(error as Error).message}`)
    })
    const refusal = resumeRefusal({ checkpointStep: manifest.checkpointStep, plannedSteps: manifest.config.steps, requestedSteps: options.steps })
    if (refusal) throw new UsageError(`--resume: cannot resume ${dir}: ${refusal.replace(/ask for more than (\d+) steps?/, 'give --steps N with N > $1')}`)
    const config = applyOverrides(structuredClone(manifest.config) as unknown as Record<string, unknown>, options)
    return { config, dir, resume: true }
  }
  const fileConfig = options.configFile !== null ? await readConfigFile(options.configFile) : null
  // An ablation run's name says "oracle" (session list, compare legends), whoever named it.
  const config = withOracleName(buildConfig(options, fileConfig))
  if (config.dataset.id === 'mnist' && config.dataset.dataDir) {
    process.stderr.write(`experiment: warning: --data-dir is ignored for mnist (its images are embedded); it applies to cifar10 and cifar100\n`)
  }
  if (options.out === null) return { config, dir: await defaultOut(config), resume: false }
  const dir = resolve(options.out)
  await makeFolders(dirname(dir)).catch((error: unknown) => {
    throw new UsageError(`--out: ${(error as Error).message}`)
  })
  const existing = await readManifest(dir).catch(() => null)
  if (existing && existing.segments.length > 0) {
    throw new UsageError(`--out: ${dir} already holds a session; continue it with --resume ${shellQuote(dir)}, or choose another --out`)
  }
  return { config, dir, resume: false }
}

async function main(argv: string[]): Promise<number> {
  const options = parseCliArgs(argv)
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  // The wasm backend reads its thread count from the environment when it starts.
  if (options.threads !== null) process.env[TRAINING_THREADS_ENV] = String(options.threads)
  if (options.compareAlgorithms) return compareAlgorithms(options)
  if (options.ablationStudy) return ablationStudy(options)
  const { config, dir, resume } = await plan(options)
  return (await runSession(config, dir, resume)).exitCode
}

interface SessionResult {
  exitCode: number
  status: 'finished' | 'stopped' | 'failed'
  lastEval: EvalRecord | null
  lastSweep: SweepRecord | null
}

/** One run with progress, summary and Ctrl-C handling; the exit code it would end with. */
async function runSession(config: ExperimentConfig, dir: string, resume: boolean): Promise<SessionResult> {
  const ruleKind = ALGORITHM_RULE_KIND[config.algorithm.name]
  const sink = { isTTY: process.stdout.isTTY === true, get columns() { return process.stdout.columns }, write: (t: string) => process.stdout.write(t) }
  const printer = new ProgressPrinter(sink, undefined, ruleKind)
  const ablation = ablationOf(config)
  if (isOracle(ablation.mode)) {
    printer.message(`ORACLE ABLATION ${ablationLabel(ablation)}: ${ABLATION_MEANINGS[ablation.mode]}; trains on hidden true labels (diagnostic experiment, not a method)`)
  }
  let backend: BackendReport | null = null
  let lastEval: EvalRecord | null = null
  let lastSweep: SweepRecord | null = null
  let recent: StepMetrics[] = []
  let imagesPerSec = 0
  let trainingBegan = false
  const onEvent = (event: WorkerEvent): void => {
    switch (event.type) {
      case 'started':
        trainingBegan = true
        backend = event.backend
        printer.message(
          `${resume ? 'Resuming' : 'Running'} "${config.name}" from step ${event.startStep} to ${config.steps} on ${event.backend.name} (${event.backend.device}): ${event.backend.detail}`
        )
        if (event.backend.adapter) printer.message(formatAdapter(event.backend.adapter))
        printer.message(`Session folder: ${dir} (${event.numUnlabeled} unlabeled samples)`)
        break
      case 'metrics':
        printer.onMetrics(event.records)
        recent = [...recent, ...event.records].slice(-SUMMARY_WINDOW)
        break
      case 'progress':
        imagesPerSec = event.progress.imagesPerSec
        printer.onProgress(event.progress)
        break
      case 'eval':
        lastEval = event.record
        printer.message(
          `step ${event.record.step}: test accuracy ${(100 * event.record.testAcc).toFixed(2)}%` +
            (event.record.emaTestAcc !== null ? `, EMA ${(100 * event.record.emaTestAcc).toFixed(2)}%` : '')
        )
        break
      case 'sweep':
        lastSweep = event.record
        break
      case 'log':
        printer.message(`[${event.level}] ${event.message}`)
        break
      default:
        break
    }
  }
  // Loaded after the options are checked, so a usage error answers at once (tfjs is slow to load).
  const { Trainer } = await import('../engine/train/trainer')
  const trainer = new Trainer({ config, sessionDir: dir, resume, emit: onEvent, eventIntervalMs: 250 })
  const interrupt = new Interrupt({
    onFirst: (signal) => {
      printer.message(`${signal === 'SIGINT' ? 'Interrupted' : 'Terminated'}: checkpointing after this step (Ctrl-C again to quit at once)...`)
      trainer.stop('user')
    },
    exitNow: (code) => process.exit(code)
  })
  interrupt.install()
  const started = performance.now()
  const outcome = await trainer
    .run()
    .catch((error: unknown) => {
      if (!trainingBegan && error instanceof AppError && FOLDER_REFUSALS.has(error.code)) refusedBeforeStart.add(error)
      throw error
    })
    .finally(() => interrupt.uninstall())
  printer.message(
    formatSummary({
      ...outcome,
      totalSteps: config.steps,
      backend,
      lastEval,
      lastSweep,
      recent,
      confidentWrongTotal: printer.confidentWrongTotal,
      wallSec: (performance.now() - started) / 1000,
      imagesPerSec,
      sessionDir: dir,
      ruleKind
    })
  )
  if (outcome.status === 'stopped') printer.message(`Resume with: npm run experiment -- --resume ${shellQuote(dir)}`)
  return { exitCode: interrupt.exitCode ?? 0, status: outcome.status, lastEval, lastSweep }
}

/**
 * One run of several (a comparison, a study): a run that fails in training is said and counted,
 * its session records the failure, and the others go on. Refusals and Ctrl-C still stop them.
 */
async function runOneOfSeveral(config: ExperimentConfig, dir: string, resume: boolean): Promise<SessionResult & { failed: boolean }> {
  try {
    return { ...(await runSession(config, dir, resume)), failed: false }
  } catch (error) {
    const refusal = error instanceof UsageError || (error instanceof AppError && (REFUSALS.has(error.code) || refusedBeforeStart.has(error)))
    if (refusal) throw error
    process.stdout.write(`Run "${config.name}" failed: ${oneLine(toErrorPayload(error).message)}; the other runs go on.\n`)
    return { exitCode: 0, status: 'failed', lastEval: null, lastSweep: null, failed: true }
  }
}

/** --compare-algorithms: every algorithm on N training seeds of one split, one session after another under one parent folder. */
async function compareAlgorithms(options: CliOptions): Promise<number> {
  if (options.resume !== null) throw new UsageError('--compare-algorithms starts new sessions; resume each one with --resume DIR')
  const fileConfig = options.configFile !== null ? await readConfigFile(options.configFile) : null
  const base = buildConfig(options, fileConfig)
  const parent = options.out === null ? await defaultOut({ ...base, name: `${base.name || base.dataset.id} algorithms` }) : resolve(options.out)
  const preset = findPreset(options.preset ?? 'quick-mnist')
  const names = options.algorithms ?? preset?.compareAlgorithms ?? ALGORITHMS
  const runs = comparisonRuns(base, names, options.seeds ?? DEFAULT_COMPARISON_SEEDS)
  const planned = runs.map((run) => ({ ...run, dir: join(parent, run.algorithm, `seed-${run.seed}`) }))
  for (const { dir } of planned) {
    const existing = await readManifest(dir).catch(() => null)
    if (existing && existing.segments.length > 0) throw new UsageError(`--out: ${dir} already holds a session; choose another --out`)
  }
  await makeFolders(parent).catch((error: unknown) => {
    throw new UsageError(`--out: ${(error as Error).message}`)
  })
  const seeds = [...new Set(runs.map((r) => r.seed))]
  process.stdout.write(`Comparing ${names.join(', ')} on one split (split seed ${base.split.seed}), training seeds ${seeds.join(', ')}: ${runs.length} sessions under ${parent}\n`)
  const done: ComparisonRunInput[] = []
  const failed: string[] = []
  for (const { config, dir, algorithm, seed } of planned) {
    const result = await runOneOfSeveral(config, dir, false)
    if (result.failed) {
      failed.push(`${algorithm} seed ${seed}`)
      continue
    }
    const folder = await readSessionFolder(dir)
    done.push({ algorithm, seed, status: result.status, metrics: folder.metrics, evals: folder.evals, sweeps: folder.sweeps })
    // Ctrl-C or SIGTERM: the current session is checkpointed; the others do not start.
    if (result.exitCode !== 0) {
      process.stdout.write(`${formatComparison(summarizeComparison(done))}\n`)
      return result.exitCode
    }
  }
  process.stdout.write(`\n${formatComparison(summarizeComparison(done))}\n`)
  if (failed.length === 0) return 0
  process.stdout.write(`${failed.length} run(s) failed and are left out of the table: ${failed.join(', ')}\n`)
  return 1
}

/** --ablation-study: none, oracle-mask and oracle-correct on N seeds; with --resume DIR, the study in DIR continued. */
async function ablationStudy(options: CliOptions): Promise<number> {
  const deps = { runSession: runOneOfSeveral, write: (text: string) => process.stdout.write(text) }
  if (options.resume !== null) {
    const changed = (['preset', 'configFile', 'dataset', 'dataDir', 'labelsPerClass', 'seed', 'out', 'seeds', 'steps', 'backend'] as const).filter((k) => options[k] !== null)
    if (changed.length > 0) throw new UsageError('--ablation-study --resume continues the study as planned; only --threads may change')
    return resumeAblationStudy(resolve(options.resume), deps)
  }
  const fileConfig = options.configFile !== null ? await readConfigFile(options.configFile) : null
  const base = buildConfig(options, fileConfig)
  const parent = options.out === null ? await defaultOut({ ...base, name: `${base.name || base.dataset.id} ablation` }) : resolve(options.out)
  return startAblationStudy(base, options.seeds ?? DEFAULT_ABLATION_SEEDS, parent, deps)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`experiment: ${oneLine(error.message)}\nRun with --help for the options.\n`)
      process.exit(2)
    }
    const payload = toErrorPayload(error)
    // Refusals (bad config, a folder in use or already holding a run) changed nothing: 2.
    const code = error instanceof AppError && (REFUSALS.has(error.code) || refusedBeforeStart.has(error)) ? 2 : 1
    process.stderr.write(`experiment: ${oneLine(payload.message)} [${payload.code}]\n`)
    process.exit(code)
  }
)
