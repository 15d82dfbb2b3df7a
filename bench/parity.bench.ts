// Training-dynamics parity: the engine (wasm) and its PyTorch twin (tools/torch-twin/train.py,
// K's data pipeline and sampler; USB's train_step for the other algorithms) run the same config on
// the same splits for several seeds; the table gives each side's mean ± std over seeds at fixed
// steps. Per-step figures are the mean over the WINDOW steps ending at that step. Welch's t and its
// p per cell say whether the means differ beyond the seed spread (with this many cells, about one
// in twenty differs at 5% by chance).
// Flags: --preset ID (quick-mnist), --algorithm NAME[,NAME...] (fixmatch; as the comparison runs it,
// withAlgorithm, though --steps stays as given: both sides run N, whatever a recipe's stepsFactor),
// --threshold T (the algorithm's tau), --steps N (400), --seeds N (3), --first-seed S (1),
// --span A-B (adds each per-step figure's mean over steps A..B), --config-batch B,MU,LR (override
// the preset's batch and lr). After the table, every window of the run (bench/window-scan.ts):
// how many differ against the 1 in 20 that chance gives.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDataset } from '../src/node/data/registry'
import { splitDataset } from '../src/node/data/split'
import type { ImageDataset } from '../src/node/data/types'
import { encodeNpy } from '../src/node/session/npy'
import { Trainer } from '../src/engine/train/trainer'
import { PRESET_IDS, presetConfig, type PresetId } from '../src/shared/config/presets'
import { withAlgorithm } from '../src/shared/config/algorithm-variants'
import type { AlgorithmName, ExperimentConfig } from '../src/shared/config/experiment-config'
import { sampleStats, welchT } from '../src/shared/analysis/welch-t'
import type { EvalRecord, StepMetrics } from '../src/shared/metrics'
import { findTorch, TWIN_DIR } from './torch-reference'
import { scanWindows, windowMean, type StepSeries } from './window-scan'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const PRESET = arg('preset', 'quick-mnist') as PresetId
if (!PRESET_IDS.includes(PRESET)) throw new Error(`--preset: one of ${PRESET_IDS.join(', ')}`)
const ALGORITHMS = arg('algorithm', 'fixmatch').split(',') as AlgorithmName[]
const THRESHOLD = arg('threshold', '')
const STEPS = Number(arg('steps', '400'))
const FIRST_SEED = Number(arg('first-seed', '1'))
const SEEDS = Array.from({ length: Number(arg('seeds', '3')) }, (_, i) => FIRST_SEED + i)
const AT = [1, 2, 3, 4].map((q) => Math.round((STEPS * q) / 4))
const SPAN = arg('span', '').split('-').map(Number)
const WINDOW = 25
// topShare: the largest class's share of the step's pseudo-labels (1 = collapsed to one class).
const METRICS = ['plAccAll', 'maskRate', 'plAccMasked', 'topShare', 'lossX', 'lossU', 'testAcc', 'emaTestAcc'] as const satisfies readonly (
  | keyof StepMetrics
  | keyof EvalRecord
  | 'topShare'
)[]
type Metric = (typeof METRICS)[number]
type Series = Map<Metric, Map<number, number>>

function configFor(algorithm: AlgorithmName, seed: number): ExperimentConfig {
  const config = withAlgorithm(presetConfig(PRESET), algorithm)
  const [b, mu, lr] = arg('config-batch', '').split(',').map(Number)
  return {
    ...config,
    name: `parity ${algorithm} seed ${seed}`,
    split: { ...config.split, seed },
    algorithm: THRESHOLD ? { ...config.algorithm, threshold: Number(THRESHOLD) } : config.algorithm,
    batch: b ? { labeled: b, mu } : config.batch,
    optimizer: lr ? { ...config.optimizer, lr } : config.optimizer,
    steps: STEPS,
    sweepInterval: 0,
    checkpointInterval: 0,
    seed,
    backend: 'wasm'
  }
}

async function writeDataset(dir: string, ds: ImageDataset): Promise<void> {
  const { height: h, width: w, channels: c } = ds
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'train_images.npy'), encodeNpy(ds.train.images, [ds.train.count, h, w, c]))
  await writeFile(join(dir, 'train_labels.npy'), encodeNpy(ds.train.labels))
  await writeFile(join(dir, 'test_images.npy'), encodeNpy(ds.test.images, [ds.test.count, h, w, c]))
  await writeFile(join(dir, 'test_labels.npy'), encodeNpy(ds.test.labels))
  const dataset = { mean: ds.mean, std: ds.std, flip: ds.flipByDefault, numClasses: ds.classNames.length }
  await writeFile(join(dir, 'dataset.json'), JSON.stringify(dataset))
}

/** Step records and evaluation records, one JSON object a line, into per-metric series. */
function seriesOf(lines: string[]): Series {
  const series: Series = new Map(METRICS.map((m) => [m, new Map()]))
  for (const line of lines) {
    if (!line.trim()) continue
    const record = JSON.parse(line) as Record<string, unknown>
    if (Array.isArray(record.classPseudo)) {
      const counts = record.classPseudo as number[]
      const total = counts.reduce((a, b) => a + b, 0)
      if (total > 0) record.topShare = Math.max(...counts) / total
    }
    for (const m of METRICS) {
      const v = record[m]
      if (typeof v === 'number') series.get(m)?.set(record.step as number, v)
    }
  }
  return series
}

const EVALS: readonly Metric[] = ['testAcc', 'emaTestAcc']

/** Per-step metrics: the mean over steps from..to (those recorded). */
function meanOver(series: Series, metric: Metric, from: number, to: number): number {
  return windowMean(series.get(metric) as StepSeries, from, to) ?? Number.NaN
}

/** The value at a step: evaluations as recorded, per-step metrics averaged over the window. */
function valueAt(series: Series, metric: Metric, step: number): number {
  if (EVALS.includes(metric)) return series.get(metric)?.get(step) ?? Number.NaN
  return meanOver(series, metric, step - WINDOW + 1, step)
}

async function runEngine(config: ExperimentConfig, root: string): Promise<Series> {
  const sessionDir = join(root, `engine-${config.algorithm.name}-${config.seed}`)
  await new Trainer({ config, sessionDir, resume: false, emit: () => undefined }).run()
  const read = (f: string) => readFile(join(sessionDir, f), 'utf8').then((t) => t.split('\n'))
  return seriesOf([...(await read('metrics.jsonl')), ...(await read('evals.jsonl'))])
}

function runTwin(python: string, config: ExperimentConfig, root: string, dataDir: string, labeled: string): Promise<Series> {
  const configFile = join(root, `config-${config.algorithm.name}-${config.seed}.json`)
  const out = join(root, `twin-${config.algorithm.name}-${config.seed}.jsonl`)
  return writeFile(configFile, JSON.stringify(config)).then(
    () =>
      new Promise((resolve, reject) => {
        const args = [join(TWIN_DIR, 'train.py'), '--data', dataDir, '--config', configFile, '--labeled', labeled, '--seed', String(config.seed), '--out', out]
        const child = spawn(python, args, { stdio: ['ignore', 'inherit', 'inherit'] })
        child.on('error', reject)
        child.on('exit', (code) => {
          if (code !== 0) return reject(new Error(`the twin exited with ${code}`))
          readFile(out, 'utf8').then((t) => resolve(seriesOf(t.split('\n'))), reject)
        })
      })
  )
}

const fmt = (xs: number[]) => {
  const s = sampleStats(xs.filter((x) => !Number.isNaN(x)))
  return `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`
}

/** Welch's t and its two-sided p: do the two sides' means differ by more than their seed spreads explain? */
function welch(a: number[], b: number[]): string {
  const w = welchT(a.filter((x) => !Number.isNaN(x)), b.filter((x) => !Number.isNaN(x)))
  if (!w) return ''
  return `t=${w.t.toFixed(2)} p=${w.p.toFixed(3)}${w.p < 0.05 ? ' differs (p<0.05)' : ''}`
}

function row(label: string, at: string, e: number[], t: number[]): void {
  console.log(`${label.padEnd(12)} ${at.padStart(9)}  ${fmt(e).padEnd(15)}  ${(t.length ? fmt(t) : 'absent').padEnd(15)}  ${welch(e, t)}`)
}

/** Per-step figures over every window of the run: how many differ, against the 1 in 20 chance gives. */
function scan(engine: Series[], twin: Series[]): void {
  if (twin.length === 0) return
  console.log(`every ${WINDOW}-step window (Welch's t per window; at p < 0.05 about 1 in 20 differs by chance):`)
  for (const metric of METRICS.filter((m) => !EVALS.includes(m))) {
    const r = scanWindows(engine.map((s) => s.get(metric) as StepSeries), twin.map((s) => s.get(metric) as StepSeries), STEPS, WINDOW)
    const shown = r.differing.map((d) => `${d.step} (${d.engine.toFixed(3)} vs ${d.twin.toFixed(3)}, p=${d.p.toFixed(3)})`).join(', ')
    const expected = (r.windows * r.alpha).toFixed(1)
    console.log(`  ${metric.padEnd(12)} ${r.differing.length} of ${r.windows} differ (${expected} by chance); engine lower in ${r.engineLower}${shown ? `: ${shown}` : ''}`)
  }
}

function table(algorithm: AlgorithmName, engine: Series[], twin: Series[]): void {
  console.log(`\n${algorithm}: ${'metric'.padEnd(12)} ${'step'.padStart(9)}  ${'engine (wasm)'.padEnd(15)}  ${'PyTorch twin'.padEnd(15)}  Welch's t`)
  for (const metric of METRICS) {
    for (const step of AT) {
      row(metric, String(step), engine.map((s) => valueAt(s, metric, step)), twin.map((s) => valueAt(s, metric, step)))
    }
    if (SPAN.length === 2 && !EVALS.includes(metric)) {
      const [from, to] = SPAN
      row(metric, `${from}-${to}`, engine.map((s) => meanOver(s, metric, from, to)), twin.map((s) => meanOver(s, metric, from, to)))
    }
  }
}

/** One algorithm: the twins one after another in child processes, beside the engine runs (one core each). */
async function study(algorithm: AlgorithmName, python: string | null, root: string, dataDir: string, labeledFiles: Map<number, string>): Promise<void> {
  const configs = SEEDS.map((seed) => configFor(algorithm, seed))
  const twins: Promise<Series>[] = []
  let chain = Promise.resolve()
  if (python) {
    for (const config of configs) {
      const twin = chain.then(async () => {
        const started = performance.now()
        const series = await runTwin(python, config, root, dataDir, labeledFiles.get(config.seed) as string)
        console.log(`twin ${algorithm} seed ${config.seed}: ${((performance.now() - started) / 1000).toFixed(0)} s`)
        return series
      })
      chain = twin.then(() => undefined, () => undefined)
      twins.push(twin)
    }
  }
  const engine: Series[] = []
  for (const config of configs) {
    const started = performance.now()
    engine.push(await runEngine(config, root))
    console.log(`engine ${algorithm} seed ${config.seed}: ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  const twinSeries = await Promise.all(twins)
  table(algorithm, engine, twinSeries)
  scan(engine, twinSeries)
}

async function main(): Promise<void> {
  const python = findTorch()
  const dataset = await loadDataset('mnist')
  const root = await mkdtemp(join(tmpdir(), 'pseudoscope-parity-'))
  const dataDir = join(root, 'data')
  await writeDataset(dataDir, dataset)
  const sample = configFor(ALGORITHMS[0], SEEDS[0])
  const a = sample.algorithm
  console.log(
    `parity (${PRESET}): ${SEEDS.length} seeds (${SEEDS.join(', ')}) x ${STEPS} steps, ${ALGORITHMS.join(', ')}, ${sample.model.arch}, ` +
      `B=${sample.batch.labeled} mu=${sample.batch.mu} lr=${sample.optimizer.lr} tau=${a.threshold} ema_p=${a.emaMomentum}; ` +
      `${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}, ${new Date().toISOString()}; work in ${root}`
  )
  if (!python) console.log('PyTorch twin: absent (no python3 with torch; Debian: apt-get install python3-torch)')
  const labeledFiles = new Map<number, string>()
  for (const seed of SEEDS) {
    const split = splitDataset(dataset.train.labels, dataset.classNames.length, configFor(ALGORITHMS[0], seed).split)
    labeledFiles.set(seed, join(root, `labeled-${seed}.npy`))
    await writeFile(labeledFiles.get(seed) as string, encodeNpy(split.labeled))
  }
  for (const algorithm of ALGORITHMS) await study(algorithm, python, root, dataDir, labeledFiles)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
