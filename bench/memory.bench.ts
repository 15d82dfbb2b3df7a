// Memory over a long run: the Quick MNIST preset trained by the real Trainer (evaluations,
// sweeps, checkpoints and session files included) for 2,000 steps on wasm, sampling every 100
// steps the live tensor count and bytes, the wasm heap (it only grows: a leak shows as growth),
// and the process's resident set and JS heap. Flags: --memory-steps=N (default 2000).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
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

// The JS heap is read after a full collection, or it measures when GC last ran, not what lives.
setFlagsFromString('--expose_gc')
const collect = runInNewContext('gc') as () => void

function wasmHeapBytes(): number {
  const backend = tf.backend() as unknown as { wasm?: { HEAPF32?: Float32Array } }
  return backend.wasm?.HEAPF32?.buffer.byteLength ?? 0
}

function sample(step: number): Sample {
  collect()
  const m = tf.memory()
  const p = process.memoryUsage()
  return { step, tensors: m.numTensors, tensorMB: mb(m.numBytes), wasmHeapMB: mb(wasmHeapBytes()), rssMB: mb(p.rss), jsHeapMB: mb(p.heapUsed) }
}

async function main(): Promise<void> {
  if (!Number.isInteger(steps) || steps < BASELINE_STEP + 3 * SAMPLE_EVERY) throw new Error(`--memory-steps must be an integer of at least ${BASELINE_STEP + 3 * SAMPLE_EVERY}`)
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
  // Judged from BASELINE_STEP on: tensors and the wasm heap must not change at all; the
  // resident set must not set a new high in the second half of the window (allocators keep
  // pages, so it climbs to a plateau); the live JS heap must end within 5% of where it started.
  const judged = samples.filter((s) => s.step >= BASELINE_STEP)
  if (judged.length < 4) throw new Error('too few samples to judge memory')
  const base = judged[0]
  const last = judged[judged.length - 1]
  const half = Math.floor(judged.length / 2)
  const rssFirst = Math.max(...judged.slice(0, half).map((s) => s.rssMB))
  const rssSecond = Math.max(...judged.slice(half).map((s) => s.rssMB))
  const checks = {
    tensors: last.tensors === base.tensors,
    wasmHeap: last.wasmHeapMB === base.wasmHeapMB,
    rss: rssSecond <= rssFirst * 1.03,
    jsHeap: last.jsHeapMB <= base.jsHeapMB * 1.05
  }
  const flat = Object.values(checks).every(Boolean)
  const signed = (v: number, digits = 0): string => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`
  console.log(
    `  from step ${base.step} to ${last.step}: ${signed(last.tensors - base.tensors)} tensors, wasm heap ${signed(last.wasmHeapMB - base.wasmHeapMB)} MB, ` +
      `RSS high ${rssFirst.toFixed(0)} MB in the first half and ${rssSecond.toFixed(0)} MB in the second, live JS heap ${signed(last.jsHeapMB - base.jsHeapMB, 1)} MB: ` +
      (flat ? 'flat' : `NOT flat (${Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k).join(', ')})`)
  )
  console.log(`  ${steps} steps in ${seconds.toFixed(0)} s (${((1000 * seconds) / steps).toFixed(0)} ms/step with evaluations, sweeps and checkpoints)`)
  if (!flat) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
