// The arithmetic ceiling of wasm SIMD on this machine, measured: a register-tiled
// multiply-add loop (the inner loop of a 4x8 GEMM tile, as in kernels.wat filterGrad) over
// data in L1, on every thread at once. No wasm convolution can run faster than this, so a
// convolution-bound step's FLOPs over it is the least time wasm can take for that step, and
// that time over PyTorch's is the smallest ratio any wasm kernel could reach here.
import { Worker } from 'node:worker_threads'
import wabtInit from 'wabt'

export interface WasmPeak {
  threads: number
  /** GFLOP/s of all threads together (each thread's best window, summed). */
  gflops: number
  perThread: number[]
  /** The same with relaxed SIMD's fused multiply-add, or why it cannot be measured here. */
  fma: { gflops: number } | { absent: string }
}

/** What this file needs of the WebAssembly namespace (lib ES2022 declares none). */
const engine = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly

/** One K step multiplies a 4-float column by an 8-float row: 64 FLOPs in 8 accumulators. */
function microkernelWat(fused: boolean): string {
  const madd = (acc: string, b: string): string =>
    fused
      ? `(local.set ${acc} (f32x4.relaxed_madd (local.get $s) ${b} (local.get ${acc})))`
      : `(local.set ${acc} (f32x4.add (local.get ${acc}) (f32x4.mul (local.get $s) ${b})))`
  const rows = [0, 1, 2, 3]
    .map((i) => `(local.set $s (v128.load32_splat offset=${4 * i} (local.get $xp)))\n${madd(`$a${2 * i}`, '(local.get $d0)')}\n${madd(`$a${2 * i + 1}`, '(local.get $d1)')}`)
    .join('\n')
  const accs = [0, 1, 2, 3, 4, 5, 6, 7]
  const sum = accs.slice(1).reduce((expr, i) => `(f32x4.add ${expr} (local.get $a${i}))`, '(local.get $a0)')
  return `(module (memory (export "memory") 1)
  (func (export "run") (param $K i32) (param $reps i32) (result f32)
    (local $k i32) (local $xp i32) (local $dp i32) (local $s v128) (local $d0 v128) (local $d1 v128)
    ${accs.map((i) => `(local $a${i} v128)`).join(' ')}
    (loop $rep
      (local.set $k (local.get $K)) (local.set $xp (i32.const 0)) (local.set $dp (i32.const 16384))
      (loop $step
        (local.set $d0 (v128.load (local.get $dp)))
        (local.set $d1 (v128.load offset=16 (local.get $dp)))
        ${rows}
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (local.set $dp (i32.add (local.get $dp) (i32.const 32)))
        (br_if $step (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (br_if $rep (local.tee $reps (i32.sub (local.get $reps) (i32.const 1)))))
    (f32x4.extract_lane 0 ${sum})))`
}

/** K steps over 16 KB of x and 16 KB of dy (512 steps): both stay in L1. */
const K = 512
const REPS = 64
const FLOPS_PER_CALL = 64 * K * REPS

// Each thread tiers the loop up (V8 compiles it with TurboFan after some calls), then reports
// the best GFLOP/s over windows of windowMs.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), {})
const run = instance.exports.run
// A loop that does not multiply and add what it is given measures nothing: with every input
// 1, each accumulator lane ends at K * reps and lane 0 of their sum at 8 * K * reps.
new Float32Array(instance.exports.memory.buffer).fill(1)
if (run(${K}, 2) !== 8 * ${K} * 2) throw new Error('the multiply-add loop computed ' + run(${K}, 2))
let best = 0
for (let w = 0; w < workerData.windows; w++) {
  let calls = 0
  const t0 = performance.now()
  while (performance.now() - t0 < workerData.windowMs) { run(${K}, ${REPS}); calls++ }
  const ms = performance.now() - t0
  if (w > 0) best = Math.max(best, (calls * ${FLOPS_PER_CALL}) / ms / 1e6)
}
parentPort.postMessage(best)
`

async function assemble(fused: boolean): Promise<Uint8Array | string> {
  const wabt = await wabtInit()
  const module = wabt.parseWat('peak.wat', microkernelWat(fused), { simd: true, relaxed_simd: fused })
  try {
    const bytes = module.toBinary({}).buffer
    if (!engine.validate(bytes)) return fused ? 'relaxed SIMD is not enabled in this engine' : 'wasm SIMD is not available in this engine'
    return bytes
  } finally {
    module.destroy()
  }
}

async function measure(bytes: Uint8Array, threads: number, windows: number, windowMs: number): Promise<number[]> {
  return Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(WORKER, { eval: true, workerData: { bytes, windows, windowMs } })
          worker.once('message', (gflops: number) => {
            resolve(gflops)
            void worker.terminate()
          })
          worker.once('error', reject)
        })
    )
  )
}

export async function measureWasmPeak(threads: number, quick = false): Promise<WasmPeak | string> {
  const windows = quick ? 4 : 8
  const windowMs = 150
  const plain = await assemble(false)
  if (typeof plain === 'string') return plain
  const perThread = await measure(plain, threads, windows, windowMs)
  const fused = await assemble(true)
  const fma = typeof fused === 'string' ? { absent: fused } : { gflops: (await measure(fused, threads, windows, windowMs)).reduce((a, b) => a + b, 0) }
  return { threads, gflops: perThread.reduce((a, b) => a + b, 0), perThread, fma }
}
