// Times the full FixMatch step (64 labeled + 2 x 448 unlabeled, 32x32x3) for the small CNN
// and WRN-28-2 on every available backend, and the 64-image labeled-only step for the small
// CNN, against the PyTorch 1.13 CPU references of DESIGN.md section 7 (same 2-core machine).
// Also times augmentation, which runs on the CPU beside every step.
// The pure-JS cpu backend is about 50x slower than wasm: by default it times only the
// labeled-only step. webgpu on a software adapter (Mesa lavapipe) is a correctness path, not
// a speed path: it times wasm's cases with the fewest steps and skips the full WRN-28-2 step
// (minutes on the CPU); on a hardware adapter it times every case, WRN-28-2 at the paper
// batch included (its activations need the adapter's buffer limits, which webgpu.ts asks for).
// Flags: --quick (fewer repetitions), --all-cpu (every case on cpu too), --wrn-full (the full
// WRN-28-2 step on wasm and software webgpu too), --backend=NAME (time one backend).
import { FixMatchStrategy } from '../src/engine/algorithms/fixmatch'
import { probeBackends } from '../src/engine/backend/probe'
import { selectBackend } from '../src/engine/backend/select'
import type { ImageDataset } from '../src/engine/data/types'
import { createModel } from '../src/engine/models'
import { Rng } from '../src/engine/rng'
import { BatchFeed } from '../src/engine/train/batch-feed'
import { fixmatchStep, supervisedStep } from '../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../src/engine/train/optimizer'
import { ParamEma } from '../src/engine/train/ema'
import type { ModelArch } from '../src/shared/config/experiment-config'
import type { BackendName } from '../src/shared/backends'
import { presetConfig } from '../src/shared/config/presets'

const B = 64
const MU = 7
const SHAPE: [number, number, number] = [32, 32, 3]
const PIXELS = 32 * 32 * 3
const MEAN = [0.4914, 0.4822, 0.4465]
const STD = [0.2471, 0.2435, 0.2616]
const quick = process.argv.includes('--quick')
const allCpu = process.argv.includes('--all-cpu')
const wrnFull = process.argv.includes('--wrn-full')

/** PyTorch 1.13 CPU on this machine (DESIGN.md section 7), ms per step. */
const REFERENCE_MS: Record<string, number> = { 'small-cnn full': 386, 'small-cnn labeled-64': 19, 'wrn-28-2 full': 15_500 }

interface Row {
  name: string
  backend: string
  msPerStep: number
  /** Process CPU time per step: close to the unloaded wall time for the single-threaded backends. */
  cpuMsPerStep: number
  images: number
  steps: number
}

const rng = new Rng(7)
const randomImages = (n: number): Uint8Array => Uint8Array.from({ length: n * PIXELS }, () => rng.int(0, 256))
const train = { images: randomImages(1024), labels: Uint8Array.from({ length: 1024 }, () => rng.int(0, 10)), count: 1024 }
const dataset: ImageDataset = {
  id: 'cifar10',
  title: 'random 32x32x3 images',
  classNames: Array.from({ length: 10 }, (_, i) => `class ${i}`),
  height: SHAPE[0],
  width: SHAPE[1],
  channels: SHAPE[2],
  mean: MEAN,
  std: STD,
  flipByDefault: true,
  train,
  test: train,
  source: 'bench'
}
const all = Int32Array.from({ length: train.count }, (_, i) => i)
const split = { labeled: all.slice(0, 256), unlabeled: all }

/** Batches as the trainer builds them (sampling, weak and strong augmentation, normalization). */
function makeFeed(labeled = B): BatchFeed {
  const config = presetConfig('fixmatch-paper-cifar10-4000')
  config.batch = { labeled, mu: MU }
  config.split.expandLabels = false
  return new BatchFeed(dataset, split, config)
}

function timeAugmentation(): number {
  const reps = quick ? 2 : 5
  const feed = makeFeed()
  const t0 = performance.now()
  for (let r = 0; r < reps; r++) feed.next()
  return (performance.now() - t0) / reps
}

/** A case that fails (e.g. out of wasm memory) is reported and the bench goes on. */
function tryCase(rows: Row[], ...args: Parameters<typeof timeCase>): void {
  try {
    const row = timeCase(...args)
    rows.push(row)
    // As it goes: on a slow backend a case takes minutes.
    console.log(`  ${row.name}: ${row.msPerStep.toFixed(0)} ms/step`)
  } catch (error) {
    console.log(`  ${args[0]} ${args[1]} on ${args[4]} failed: ${(error as Error).message.split('\n')[0]}`)
  }
}

/** 'sixteenth' is the full step at B = 4 (60 images), for when the full one does not fit in memory. */
type CaseKind = 'full' | 'sixteenth' | 'labeled-64'

function timeCase(arch: ModelArch, kind: CaseKind, warmup: number, timed: number, backend: string): Row {
  const model = createModel({ arch, numClasses: 10, inputShape: SHAPE, bnMomentum: 0.999, leakySlope: 0.1, seed: 1 })
  const optimizer = new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 })
  const ema = new ParamEma(model.params, 0.999)
  const parts = { model, optimizer, ema, strategy: new FixMatchStrategy(0.95) }
  const batch = makeFeed(kind === 'sixteenth' ? B / 16 : B).next().batch
  const run = (step: number): void => {
    if (kind !== 'labeled-64') fixmatchStep(parts, batch, { temperature: 1, lambdaU: 1, lr: 0.03, step })
    else supervisedStep(parts, batch.labeled, batch.labels, SHAPE, 0.03)
  }
  for (let i = 0; i < warmup; i++) run(i + 1)
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  for (let i = 0; i < timed; i++) run(warmup + i + 1)
  const msPerStep = (performance.now() - t0) / timed
  const cpu = process.cpuUsage(c0)
  const cpuMsPerStep = (cpu.user + cpu.system) / 1000 / timed
  model.dispose()
  optimizer.dispose()
  ema.dispose()
  return { name: `${arch} ${kind}`, backend, msPerStep, cpuMsPerStep, images: kind === 'labeled-64' ? B : (kind === 'sixteenth' ? B / 16 : B) * (1 + 2 * MU), steps: timed }
}

function printTable(rows: Row[], augMs: number): void {
  const header = ['case', 'backend', 'ms/step', 'cpu ms/step', 'images/s', 'PyTorch CPU ms', 'x PyTorch', 'timed steps']
  const body = rows.map((r) => {
    // A sixteenth step is compared with a sixteenth of the full reference.
    const ref = r.name.endsWith('sixteenth') ? REFERENCE_MS[r.name.replace('sixteenth', 'full')] / 16 : REFERENCE_MS[r.name]
    return [r.name, r.backend, r.msPerStep.toFixed(0), r.cpuMsPerStep.toFixed(0), ((1000 * r.images) / r.msPerStep).toFixed(0), ref ? ref.toFixed(0) : '-', ref ? (r.msPerStep / ref).toFixed(2) : '-', String(r.steps)]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  body.forEach((row) => console.log(line(row)))
  const fullRows = rows.filter((r) => r.name === 'small-cnn full')
  console.log(`\naugmentation of one full batch (64 weak + 448 weak + 448 strong, 32x32x3): ${augMs.toFixed(0)} ms`)
  for (const r of fullRows) {
    console.log(`  share of a small-cnn step on ${r.backend}: ${((100 * augMs) / (augMs + r.msPerStep)).toFixed(1)}% (augmentation is outside the timed step)`)
  }
}

async function main(): Promise<void> {
  const probes = await probeBackends()
  const only = process.argv.find((a) => a.startsWith('--backend='))?.slice('--backend='.length)
  const names = probes
    .filter((p) => p.available && (only === undefined || p.name === only))
    .map((p) => p.name as BackendName)
  console.log(`backends available: ${names.join(', ')}`)
  const augMs = timeAugmentation()
  const rows: Row[] = []
  for (const name of names) {
    const report = await selectBackend(name)
    const label = `${report.name} (${report.device})`
    console.log(`timing on ${label}: ${report.detail}`)
    if (report.adapter) console.log(`  adapter limits requested: ${JSON.stringify(report.adapter.limits)}`)
    const before = rows.length
    if (name === 'cpu' && !allCpu) {
      tryCase(rows, 'small-cnn', 'labeled-64', 1, 1, label)
      console.log('  full steps on the pure-JS backend skipped (minutes a step); --all-cpu times them')
    } else if (report.adapter?.software === true) {
      // The first step compiles the shaders (about 10 s on lavapipe): the labeled-only case
      // warms up; the others take minutes a step and are timed cold, compilation included.
      tryCase(rows, 'small-cnn', 'labeled-64', 1, quick ? 1 : 3, label)
      console.log('  software adapter: the full small-cnn and WRN-28-2 steps are timed cold (one step, shader compilation included)')
      tryCase(rows, 'small-cnn', 'full', 0, 1, label)
      tryCase(rows, 'wrn-28-2', 'sixteenth', 0, 1, label)
      if (wrnFull) tryCase(rows, 'wrn-28-2', 'full', 0, 1, label)
      else console.log('  wrn-28-2 full on a software adapter skipped: minutes a step on the CPU (--wrn-full tries it)')
    } else {
      tryCase(rows, 'small-cnn', 'labeled-64', 2, quick ? 3 : 10, label)
      tryCase(rows, 'small-cnn', 'full', 1, quick ? 2 : 3, label)
      // Tens of seconds to minutes a step: one timed step, no warm-up.
      // WRN-28-2 activations for 960 (even 240) images do not fit the 32-bit wasm heap, and a
      // failed wasm kernel leaves the module unusable: time a sixteenth batch, the full one last.
      tryCase(rows, 'wrn-28-2', 'sixteenth', 1, 1, label)
      if (name !== 'wasm' || wrnFull) tryCase(rows, 'wrn-28-2', 'full', name === 'webgpu' ? 1 : 0, 1, label)
      else console.log('  wrn-28-2 full on wasm skipped: 960 images exceed the wasm heap (--wrn-full tries it)')
    }
    console.log(`  done: ${rows.slice(before).map((r) => `${r.name} ${r.msPerStep.toFixed(0)} ms`).join(', ')}`)
  }
  printTable(rows, augMs)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
