// Training-dynamics parity: the engine (wasm) and its PyTorch twin (tools/torch-twin/train.py,
// K's data pipeline and sampler) run the same Quick-MNIST-sized config on the same splits for
// several seeds; the table gives each side's mean ± std over seeds at fixed steps. Per-step
// figures are the mean over the WINDOW steps ending at that step (one batch is 48 samples).
// Welch's t per cell says whether the means differ beyond the seed spread (5%; with this many
// cells, about one in twenty differs by chance).
// Flags: --steps N (400), --seeds N (3), --config-batch B,MU,LR (override the preset's batch and lr).
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDataset } from '../src/node/data/registry'
import { splitDataset } from '../src/node/data/split'
import type { ImageDataset } from '../src/node/data/types'
import { encodeNpy } from '../src/node/session/npy'
import { Trainer } from '../src/engine/train/trainer'
import { presetConfig } from '../src/shared/config/presets'
import type { ExperimentConfig } from '../src/shared/config/experiment-config'
import type { EvalRecord, StepMetrics } from '../src/shared/metrics'
import { findTorch, TWIN_DIR } from './torch-reference'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const STEPS = Number(arg('steps', '400'))
const SEEDS = Array.from({ length: Number(arg('seeds', '3')) }, (_, i) => i + 1)
const AT = [1, 2, 3, 4].map((q) => Math.round((STEPS * q) / 4))
const WINDOW = 25
const METRICS = ['plAccAll', 'maskRate', 'plAccMasked', 'lossX', 'lossU', 'testAcc', 'emaTestAcc'] as const satisfies readonly (keyof StepMetrics | keyof EvalRecord)[]
type Metric = (typeof METRICS)[number]
type Series = Map<Metric, Map<number, number>>

function configFor(seed: number): ExperimentConfig {
  const config = presetConfig('quick-mnist')
  const [b, mu, lr] = arg('config-batch', '').split(',').map(Number)
  return {
    ...config,
    name: `parity seed ${seed}`,
    split: { ...config.split, seed },
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
    for (const m of METRICS) {
      const v = record[m]
      if (typeof v === 'number') series.get(m)?.set(record.step as number, v)
    }
  }
  return series
}

/** The value at a step: evaluations as recorded, per-step metrics averaged over the window. */
function valueAt(series: Series, metric: Metric, step: number): number {
  const values = series.get(metric) as Map<number, number>
  if (metric === 'testAcc' || metric === 'emaTestAcc') return values.get(step) ?? Number.NaN
  const window = Array.from({ length: WINDOW }, (_, i) => values.get(step - i)).filter((v): v is number => v !== undefined)
  return window.length ? window.reduce((a, b) => a + b, 0) / window.length : Number.NaN
}

async function runEngine(config: ExperimentConfig, root: string): Promise<Series> {
  const sessionDir = join(root, `engine-${config.seed}`)
  await new Trainer({ config, sessionDir, resume: false, emit: () => undefined }).run()
  const read = (f: string) => readFile(join(sessionDir, f), 'utf8').then((t) => t.split('\n'))
  return seriesOf([...(await read('metrics.jsonl')), ...(await read('evals.jsonl'))])
}

function runTwin(python: string, config: ExperimentConfig, root: string, dataDir: string, labeled: string): Promise<Series> {
  const configFile = join(root, `config-${config.seed}.json`)
  const out = join(root, `twin-${config.seed}.jsonl`)
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

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const std = (xs: number[]) => (xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)) : 0)
const fmt = (xs: number[]) => `${mean(xs).toFixed(3)} ± ${std(xs).toFixed(3)}`

// Two-sided 5% critical values of Student's t by degrees of freedom (rounded down).
const T_CRITICAL: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [8, 2.306], [10, 2.228], [20, 2.086], [Infinity, 1.96]]

/** Welch's t-test at 5%: do the two sides' means differ by more than their seed spreads explain? */
function welch(a: number[], b: number[]): string {
  if (a.length < 2 || b.length < 2) return ''
  const va = std(a) ** 2 / a.length
  const vb = std(b) ** 2 / b.length
  if (va + vb === 0) return mean(a) === mean(b) ? '' : 'differs'
  const t = Math.abs(mean(a) - mean(b)) / Math.sqrt(va + vb)
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1))
  const critical = [...T_CRITICAL].reverse().find(([d]) => d <= df)?.[1] ?? T_CRITICAL[0][1]
  return `t=${t.toFixed(1)}${t > critical ? ' differs (p<0.05)' : ''}`
}

function table(engine: Series[], twin: Series[]): void {
  console.log(`\n${'metric'.padEnd(12)} ${'step'.padStart(5)}  ${'engine (wasm)'.padEnd(15)}  ${'PyTorch twin'.padEnd(15)}  Welch's t`)
  for (const metric of METRICS) {
    for (const step of AT) {
      const e = engine.map((s) => valueAt(s, metric, step))
      const t = twin.map((s) => valueAt(s, metric, step))
      console.log(`${metric.padEnd(12)} ${String(step).padStart(5)}  ${fmt(e).padEnd(15)}  ${(t.length ? fmt(t) : 'absent').padEnd(15)}  ${welch(e, t)}`)
    }
  }
}

async function main(): Promise<void> {
  const python = findTorch()
  const dataset = await loadDataset('mnist')
  const root = await mkdtemp(join(tmpdir(), 'pseudoscope-parity-'))
  const dataDir = join(root, 'data')
  await writeDataset(dataDir, dataset)
  const sample = configFor(1)
  console.log(`parity: ${SEEDS.length} seeds x ${STEPS} steps, ${sample.model.arch}, B=${sample.batch.labeled} mu=${sample.batch.mu} lr=${sample.optimizer.lr}; work in ${root}`)
  if (!python) console.log('PyTorch twin: absent (no python3 with torch; Debian: apt-get install python3-torch)')
  const configs = SEEDS.map(configFor)
  const labeledFiles: string[] = []
  for (const config of configs) {
    const split = splitDataset(dataset.train.labels, dataset.classNames.length, config.split)
    labeledFiles.push(join(root, `labeled-${config.seed}.npy`))
    await writeFile(labeledFiles[labeledFiles.length - 1], encodeNpy(split.labeled))
  }
  // The twins run one after another in child processes, beside the engine runs (one core each).
  const twins: Promise<Series>[] = []
  let chain = Promise.resolve()
  if (python) {
    configs.forEach((config, i) => {
      const twin = chain.then(() => runTwin(python, config, root, dataDir, labeledFiles[i]))
      chain = twin.then(() => undefined, () => undefined)
      twins.push(twin)
    })
  }
  const engine: Series[] = []
  for (const config of configs) {
    const started = performance.now()
    engine.push(await runEngine(config, root))
    console.log(`engine seed ${config.seed}: ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  table(engine, await Promise.all(twins))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
