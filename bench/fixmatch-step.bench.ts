// Times the full FixMatch step (64 labeled + 2 x 448 unlabeled, 32x32x3) for the small CNN
// and WRN-28-2 on every available backend, and the 64-image labeled-only step for the small
// CNN, beside PyTorch on the same shapes measured live in the same run (torch-step.ts), at the
// backend's thread count and at all cores; and a per-kernel profile of a step on wasm.
// Also times augmentation, which runs on the CPU beside every step.
// The pure-JS cpu backend is about 50x slower than wasm: by default it times only the
// labeled-only step. webgpu on a software adapter (Mesa lavapipe) is a correctness path, not
// a speed path: it times wasm's cases with the fewest steps and skips the full WRN-28-2 step
// (minutes on the CPU); on a hardware adapter it times every case, WRN-28-2 at the paper
// batch included (its activations need the adapter's buffer limits, which webgpu.ts asks for).
// Flags: --quick (fewer repetitions), --all-cpu (every case on cpu too), --wrn-full (the full
// WRN-28-2 step on wasm and software webgpu too), --backend=NAME (time one backend),
// --no-torch (skip the PyTorch reference), --no-profile, --no-wrn-full (skip the full
// WRN-28-2 step everywhere: minutes on a CPU), --results FILE (write what it measured as JSON
// for `npm run docs:bench`).
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { FixMatchStrategy } from '../src/shared/algorithms/fixmatch'
import { probeBackends } from '../src/engine/backend/probe'
import { selectBackend } from '../src/engine/backend/select'
import type { ImageDataset } from '../src/node/data/types'
import { createModel } from '../src/engine/models'
import { Rng } from '../src/shared/rng'
import { BatchFeed } from '../src/engine/train/batch-feed'
import { fixmatchStep, supervisedStep } from '../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../src/engine/train/optimizer'
import { ParamEma } from '../src/engine/train/ema'
import type { ModelArch } from '../src/shared/config/experiment-config'
import type { BackendName } from '../src/shared/backends'
import { presetConfig } from '../src/shared/config/presets'
import { printProfile, profileStep, stepFlops } from './kernel-profile'
import { TorchReferences, torchConvIsa, torchPython } from './torch-step'
import { measureWasmPeak, type WasmPeak } from './wasm-peak'
import { median } from './stats'
import { onednn } from '../src/engine/backend/onednn'
import { ONEDNN_ENV } from '../src/shared/training-threads'
import { resultsArg, writeBenchResults } from './bench-results-file'

const B = 64
const MU = 7
const SHAPE: [number, number, number] = [32, 32, 3]
const PIXELS = 32 * 32 * 3
const MEAN = [0.4914, 0.4822, 0.4465]
const STD = [0.2471, 0.2435, 0.2616]
const quick = process.argv.includes('--quick')
const allCpu = process.argv.includes('--all-cpu')
const wrnFull = process.argv.includes('--wrn-full')
const noTorch = process.argv.includes('--no-torch')
const noProfile = process.argv.includes('--no-profile')
const noWrnFull = process.argv.includes('--no-wrn-full')
const CORES = availableParallelism()

interface Row {
  name: string
  backend: string
  msPerStep: number
  /** Process CPU time per step: close to the unloaded wall time for the single-threaded backends. */
  cpuMsPerStep: number
  images: number
  steps: number
  /** Untimed steps before them: 0 times the first (cold) step. */
  warmup: number
  /** CPU threads the backend computes on (wasm, cpu), or null (GPU, native). */
  threads: number | null
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
/**
 * The PyTorch reference, each case measured right after the backend's own timing of it (at the
 * backend's thread count): on a shared machine the load drifts over minutes, and a ratio is
 * only fair between figures taken seconds apart. null without torch or with --no-torch.
 */
const python = noTorch ? null : torchPython()
const torch = python === null ? null : new TorchReferences()

function tryCase(rows: Row[], ...args: Parameters<typeof timeCase>): void {
  try {
    const row = timeCase(...args)
    rows.push(row)
    // As it goes: on a slow backend a case takes minutes.
    console.log(`  ${row.name}: ${row.msPerStep.toFixed(0)} ms/step`)
    if (row.threads !== null) torch?.get(row.name, row.threads)
  } catch (error) {
    console.log(`  ${args[0]} ${args[1]} on ${args[4]} failed: ${(error as Error).message.split('\n')[0]}`)
  }
}

/**
 * A case timed in rounds with PyTorch's step between them: the load of a shared machine drifts
 * within a minute, and interleaving puts both sides under the same drift. Prints each round.
 */
function tryCaseInRounds(rows: Row[], arch: ModelArch, kind: CaseKind, warmup: number, timed: number, backend: string, threads: number | null): void {
  const name = `${arch} ${kind}`
  if (torch === null || threads === null || quick) {
    tryCase(rows, arch, kind, warmup, timed, backend, threads)
    return
  }
  const ours: number[] = []
  const theirs: number[] = []
  tryCase(rows, arch, kind, warmup, timed, backend, threads, ROUNDS, (ms) => {
    ours.push(ms)
    const ref = torch.measure(name, threads)
    if (ref !== null && typeof ref !== 'string') theirs.push(ref.ms)
  })
  if (theirs.length === ours.length && ours.length > 0) {
    const rounds = ours.map((ms, i) => `${ms.toFixed(0)} vs ${theirs[i].toFixed(0)} ms (${(ms / theirs[i]).toFixed(2)})`)
    console.log(`  ${name} by round, ${backend} vs PyTorch: ${rounds.join('; ')}`)
  }
}

/** Rounds of the interleaved cases. */
const ROUNDS = 3

/** 'sixteenth' is the full step at B = 4 (60 images), for when the full one does not fit in memory. */
type CaseKind = 'full' | 'sixteenth' | 'labeled-64'

/** A case's model, optimizer and batch; run(step) is one training step. */
function setUpCase(arch: ModelArch, kind: CaseKind): { run(step: number): void; dispose(): void } {
  const model = createModel({ arch, numClasses: 10, inputShape: SHAPE, bnMomentum: 0.999, leakySlope: 0.1, seed: 1 })
  const optimizer = new SgdOptimizer(model.params, { momentum: 0.9, nesterov: true, weightDecay: 5e-4 })
  const ema = new ParamEma(model.params, 0.999)
  const parts = { model, optimizer, ema, strategy: new FixMatchStrategy(0.95) }
  const batch = makeFeed(kind === 'sixteenth' ? B / 16 : B).next().batch
  return {
    run(step) {
      if (kind !== 'labeled-64') fixmatchStep(parts, batch, { temperature: 1, lambdaU: 1, lr: 0.03, step })
      else supervisedStep(parts, batch.labeled, batch.labels, SHAPE, 0.03)
    },
    dispose() {
      model.dispose()
      optimizer.dispose()
      ema.dispose()
    }
  }
}

/**
 * Times a case: `warmup` steps, then `rounds` rounds of `timed` steps, calling afterRound after
 * each (the PyTorch reference, interleaved). ms/step is the median step, as PyTorch reports.
 */
function timeCase(arch: ModelArch, kind: CaseKind, warmup: number, timed: number, backend: string, threads: number | null = null, rounds = 1, afterRound?: (roundMs: number) => void): Row {
  const { run, dispose } = setUpCase(arch, kind)
  for (let i = 0; i < warmup; i++) run(i + 1)
  const c0 = process.cpuUsage()
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const inRound: number[] = []
    for (let i = 0; i < timed; i++) {
      const t0 = performance.now()
      run(warmup + times.length + inRound.length + 1)
      inRound.push(performance.now() - t0)
    }
    times.push(...inRound)
    // The PyTorch side runs between rounds: its time is not this backend's CPU time.
    const paused = process.cpuUsage()
    afterRound?.(median(inRound))
    const pausedFor = process.cpuUsage(paused)
    c0.user += pausedFor.user
    c0.system += pausedFor.system
  }
  const msPerStep = median(times)
  const cpu = process.cpuUsage(c0)
  const cpuMsPerStep = (cpu.user + cpu.system) / 1000 / times.length
  dispose()
  return { name: `${arch} ${kind}`, backend, msPerStep, cpuMsPerStep, images: kind === 'labeled-64' ? B : (kind === 'sixteenth' ? B / 16 : B) * (1 + 2 * MU), steps: times.length, warmup, threads }
}

/** Convolution and matmul FLOPs of a step, by case name, from the profiles. */
const caseFlops = new Map<string, number>()

/** One warmed-up step of a case under tf.profile, printed as a per-kernel table. */
async function profileCase(arch: ModelArch, kind: CaseKind, label: string): Promise<void> {
  const { run, dispose } = setUpCase(arch, kind)
  run(1)
  const profile = await profileStep(() => run(2))
  printProfile(`${arch} ${kind} on ${label}`, profile)
  caseFlops.set(`${arch} ${kind}`, stepFlops(profile))
  dispose()
}

/**
 * Each profiled case's convolution FLOPs against both sides' step times: how far each is from
 * the machine's arithmetic peak. With the measured wasm SIMD ceiling, the least time any wasm
 * kernel could take for the step, and so the least ratio to PyTorch reachable on wasm here.
 */
function printThroughput(rows: Row[], torch: TorchReferences | null, peak: WasmPeak | string | null): void {
  if (caseFlops.size === 0) return
  console.log('\nthroughput (convolution and matmul FLOPs of the step / whole-step time):')
  for (const r of rows) {
    const flops = caseFlops.get(r.name)
    if (flops === undefined) continue
    const ref = torch === null ? null : torch.get(r.name, r.threads ?? CORES)
    const torchRate = ref !== null && typeof ref !== 'string' ? `, PyTorch ${(flops / 1e6 / ref.ms).toFixed(1)} GFLOP/s` : ''
    console.log(`  ${r.name}: ${(flops / 1e9).toFixed(2)} GFLOP a step; ${r.backend} ${(flops / 1e6 / r.msPerStep).toFixed(1)} GFLOP/s${torchRate}`)
  }
  if (torch !== null) console.log(`  PyTorch's convolutions (oneDNN) run on: ${torchConvIsa() ?? 'an instruction set oneDNN did not name'}`)
  if (peak === null) return
  if (typeof peak === 'string') {
    console.log(`  wasm SIMD ceiling: not measured (${peak})`)
    return
  }
  const fma = 'gflops' in peak.fma ? `${peak.fma.gflops.toFixed(1)} GFLOP/s with relaxed SIMD's fused multiply-add` : `fused multiply-add not measured: ${peak.fma.absent}`
  console.log(
    `  wasm SIMD ceiling here (bench/wasm-peak.ts, a 4x8 multiply-add tile in L1): ${peak.gflops.toFixed(1)} GFLOP/s on ${peak.threads} thread(s)` +
      ` (${peak.perThread.map((g) => g.toFixed(1)).join(' + ')}); ${fma}`
  )
  console.log('  so the least time a wasm step can take is its FLOPs at that ceiling, and the least ratio reachable on wasm:')
  for (const r of rows) {
    const flops = caseFlops.get(r.name)
    if (flops === undefined || !r.backend.startsWith('wasm')) continue
    const floorMs = flops / 1e6 / peak.gflops
    const ref = torch === null ? null : torch.get(r.name, r.threads ?? CORES)
    const ratio = ref !== null && typeof ref !== 'string' ? `, ratio at least ${(floorMs / ref.ms).toFixed(2)} (PyTorch ${ref.ms.toFixed(0)} ms)` : ''
    console.log(`    ${r.name}: at least ${floorMs.toFixed(0)} ms (${r.msPerStep.toFixed(0)} ms now, ${((100 * floorMs) / r.msPerStep).toFixed(0)}% of the ceiling)${ratio}`)
  }
}

function printTable(rows: Row[], augMs: number, torch: TorchReferences | null, peak: WasmPeak | string | null): void {
  const header = ['case', 'backend', 'threads', 'ms/step', 'cpu ms/step', 'images/s', 'PyTorch ms (same threads)', 'x PyTorch', `PyTorch ms (${CORES} threads)`, 'timed steps']
  const ms = (ref: ReturnType<TorchReferences['get']>): string => (ref === null ? '-' : typeof ref === 'string' ? 'failed' : ref.ms.toFixed(0))
  const body = rows.map((r) => {
    const same = torch === null ? null : torch.get(r.name, r.threads ?? CORES)
    const all = torch === null ? null : torch.get(r.name, CORES)
    const ratio = same !== null && typeof same !== 'string' ? (r.msPerStep / same.ms).toFixed(2) : '-'
    return [r.name, r.backend, r.threads === null ? '-' : String(r.threads), r.msPerStep.toFixed(0), r.cpuMsPerStep.toFixed(0), ((1000 * r.images) / r.msPerStep).toFixed(0), ms(same), ratio, ms(all), String(r.steps)]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  body.forEach((row) => console.log(line(row)))
  printThroughput(rows, torch, peak)
  const fullRows = rows.filter((r) => r.name === 'small-cnn full')
  console.log(`\naugmentation of one full batch (64 weak + 448 weak + 448 strong, 32x32x3): ${augMs.toFixed(0)} ms`)
  for (const r of fullRows) {
    console.log(`  share of a small-cnn step on ${r.backend}: ${((100 * augMs) / (augMs + r.msPerStep)).toFixed(1)}% (augmentation is outside the timed step)`)
  }
}

async function main(): Promise<void> {
  // A results file that cannot be written is found out now, not after minutes of timing.
  const results = resultsArg(process.argv.slice(2))
  if (results.path !== null) writeFileSync(results.path, '')
  const probes = await probeBackends()
  const only = process.argv.find((a) => a.startsWith('--backend='))?.slice('--backend='.length)
  const names = probes
    .filter((p) => p.available && (only === undefined || p.name === only))
    .map((p) => p.name as BackendName)
  console.log(`backends available: ${names.join(', ')}`)
  const augMs = timeAugmentation()
  const rows: Row[] = []
  const backendLines: string[] = []
  for (const name of names) {
    const report = await selectBackend(name)
    const label = `${report.name} (${report.device})`
    console.log(`timing on ${label}: ${report.detail}`)
    backendLines.push(`${label}: ${report.detail}`)
    if (report.adapter) console.log(`  adapter limits requested: ${JSON.stringify(report.adapter.limits)}`)
    const before = rows.length
    const threads = report.threads ?? null
    if (name === 'cpu' && !allCpu) {
      tryCase(rows, 'small-cnn', 'labeled-64', 1, 1, label, threads)
      console.log('  full steps on the pure-JS backend skipped (minutes a step); --all-cpu times them')
    } else if (report.adapter?.software === true) {
      // The first step compiles the shaders (about 10 s on lavapipe): the labeled-only case
      // warms up; the others take minutes a step and are timed cold, compilation included.
      tryCase(rows, 'small-cnn', 'labeled-64', 1, quick ? 1 : 3, label, threads)
      console.log('  software adapter: the full small-cnn and WRN-28-2 steps are timed cold (one step, shader compilation included)')
      tryCase(rows, 'small-cnn', 'full', 0, 1, label, threads)
      tryCase(rows, 'wrn-28-2', 'sixteenth', 0, 1, label, threads)
      if (wrnFull) tryCase(rows, 'wrn-28-2', 'full', 0, 1, label, threads)
      else console.log('  wrn-28-2 full on a software adapter skipped: minutes a step on the CPU (--wrn-full tries it)')
    } else {
      tryCase(rows, 'small-cnn', 'labeled-64', 2, quick ? 3 : 10, label, threads)
      tryCaseInRounds(rows, 'small-cnn', 'full', 1, quick ? 2 : 3, label, threads)
      tryCaseInRounds(rows, 'wrn-28-2', 'sixteenth', 1, quick ? 1 : 3, label, threads)
      if (name === 'wasm' && !noProfile) {
        await profileCase('small-cnn', 'full', label)
        await profileCase('wrn-28-2', 'sixteenth', label)
      }
      // Tens of seconds to minutes a step: one timed step, no warm-up. On wasm the full step
      // fits the 4 GB heap through checkpointed blocks (checkpoint-policy.ts); a failed wasm
      // kernel leaves the module unusable, so it runs last, after the profiles.
      if (noWrnFull) console.log('  wrn-28-2 full skipped (--no-wrn-full)')
      else tryCase(rows, 'wrn-28-2', 'full', name === 'webgpu' ? 1 : 0, 1, label, threads)
    }
    console.log(`  done: ${rows.slice(before).map((r) => `${r.name} ${r.msPerStep.toFixed(0)} ms`).join(', ')}`)
  }
  console.log(
    python === null
      ? `\nPyTorch reference: ${noTorch ? 'skipped (--no-torch)' : 'absent (no python3 with torch; apt-get install python3-torch or set TORCH_PYTHON)'}`
      : `\nPyTorch reference (${python}) on the same shapes: at the backend's threads right after each case (above), at all cores now:`
  )
  // Measured after the cases, in the same minute as their PyTorch references.
  const wasmThreads = rows.find((r) => r.backend.startsWith('wasm'))?.threads ?? null
  // Its lines need the profiles' FLOPs: none with --no-profile.
  // With the convolutions on oneDNN the wasm ceiling bounds nothing the step runs.
  const peak =
    wasmThreads === null || noProfile
      ? null
      : onednn() !== null
        ? `the convolutions run on oneDNN (native), not on wasm kernels; ${ONEDNN_ENV}=off measures the wasm-only step and its ceiling`
        : await measureWasmPeak(wasmThreads, quick)
  printTable(rows, augMs, torch, peak)
  if (results.path !== null) {
    const convIsa = torch === null ? null : torchConvIsa()
    writeBenchResults(results.path, { rows, augMs, torch, convIsa, backends: backendLines, args: results.rest, cores: CORES })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
