// Memory over a long run: the Quick MNIST preset trained by the real Trainer (evaluations,
// sweeps, checkpoints and session files included) for 2,000 steps on wasm, sampling every 100
// steps the live tensor count and bytes, the wasm heap (it only grows: a leak shows as growth),
// and the process's resident set and JS heap. Flags: --memory-steps=N (default 2000).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { Trainer } from '../src/engine/train/trainer'
import { presetConfig } from '../src/shared/config/presets'
import type { WorkerEvent } from '../src/shared/worker-protocol'

const stepsFlag = process.argv.find((a) => a.startsWith('--memory-steps='))
const steps = stepsFlag ? Number(stepsFlag.split('=')[1]) : 2000
const SAMPLE_EVERY = 100
// The first steps allocate the heap the run needs (im2col buffers, the first sweep and
// checkpoint): growth is judged from here on.
const BASELINE_STEP = 400

interface Sample {
  step: number
  tensors: number
  tensorMB: number
  wasmHeapMB: number
  rssMB: number
  jsHeapMB: number
}

const mb = (bytes: number): number => bytes / 2 ** 20

function wasmHeapBytes(): number {
  const backend = tf.backend() as unknown as { wasm?: { HEAPF32?: Float32Array } }
  return backend.wasm?.HEAPF32?.buffer.byteLength ?? 0
}

function sample(step: number): Sample {
  const m = tf.memory()
  const p = process.memoryUsage()
  return { step, tensors: m.numTensors, tensorMB: mb(m.numBytes), wasmHeapMB: mb(wasmHeapBytes()), rssMB: mb(p.rss), jsHeapMB: mb(p.heapUsed) }
}

async function main(): Promise<void> {
  if (!Number.isInteger(steps) || steps < BASELINE_STEP + SAMPLE_EVERY) throw new Error(`--memory-steps must be an integer of at least ${BASELINE_STEP + SAMPLE_EVERY}`)
  const config = { ...presetConfig('quick-mnist'), steps, backend: 'wasm' as const }
  const dir = mkdtempSync(join(tmpdir(), 'pseudoscope-memory-'))
  const samples: Sample[] = []
  let next = SAMPLE_EVERY
  const row = (s: Sample): string =>
    `  ${String(s.step).padStart(6)}${String(s.tensors).padStart(9)}${s.tensorMB.toFixed(1).padStart(11)}${s.wasmHeapMB.toFixed(0).padStart(14)}${s.rssMB.toFixed(0).padStart(9)}${s.jsHeapMB.toFixed(1).padStart(12)}`
  // Printed as they come: on a slow machine the run takes many minutes.
  const emit = (event: WorkerEvent): void => {
    if (event.type !== 'progress' || event.progress.step < next) return
    next = event.progress.step - (event.progress.step % SAMPLE_EVERY) + SAMPLE_EVERY
    const taken = sample(event.progress.step)
    samples.push(taken)
    console.log(row(taken))
  }
  console.log(`Quick MNIST for ${steps} steps on wasm through the Trainer, memory every ${SAMPLE_EVERY} steps:`)
  console.log(`  ${'step'.padStart(6)}${'tensors'.padStart(9)}${'tensor MB'.padStart(11)}${'wasm heap MB'.padStart(14)}${'RSS MB'.padStart(9)}${'JS heap MB'.padStart(12)}`)
  const t0 = performance.now()
  try {
    await new Trainer({ config, sessionDir: join(dir, 'session'), resume: false, emit, eventIntervalMs: 0 }).run()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const seconds = (performance.now() - t0) / 1000
  const base = samples.find((s) => s.step >= BASELINE_STEP)
  const last = samples.at(-1)
  if (base === undefined || last === undefined || last.step === base.step) throw new Error('too few samples to judge memory')
  const growth = {
    tensors: last.tensors - base.tensors,
    wasmHeapMB: last.wasmHeapMB - base.wasmHeapMB,
    rssMB: last.rssMB - base.rssMB,
    jsHeapMB: last.jsHeapMB - base.jsHeapMB
  }
  const flat = growth.tensors === 0 && growth.wasmHeapMB === 0 && growth.rssMB < 0.05 * base.rssMB
  console.log(
    `  from step ${base.step} to ${last.step}: ${growth.tensors >= 0 ? '+' : ''}${growth.tensors} tensors, wasm heap ${growth.wasmHeapMB >= 0 ? '+' : ''}${growth.wasmHeapMB.toFixed(0)} MB, ` +
      `RSS ${growth.rssMB >= 0 ? '+' : ''}${growth.rssMB.toFixed(0)} MB, JS heap ${growth.jsHeapMB >= 0 ? '+' : ''}${growth.jsHeapMB.toFixed(1)} MB: ${flat ? 'flat' : 'NOT flat'}`
  )
  console.log(`  ${steps} steps in ${seconds.toFixed(0)} s (${((1000 * seconds) / steps).toFixed(0)} ms/step with evaluations, sweeps and checkpoints)`)
  if (!flat) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
