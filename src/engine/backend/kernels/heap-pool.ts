// Worker threads that run part of the project's kernels (heap-loops.ts, most of them calling
// the wasm SIMD kernels of simd/kernels.wat, which each helper instantiates on the same memory)
// on the wasm heap, beside the calling thread. The threaded wasm
// build's memory is a SharedArrayBuffer, so helpers read and write the tensors in place. tfjs
// kernels are synchronous: the caller hands out parts, runs its own and blocks on
// Atomics.wait until every helper is done. Parts never change the numbers (each output is
// written by one thread; column sums add fixed blocks in a fixed order).
import { Worker } from 'node:worker_threads'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { HEAP_LOOPS, type HeapTask } from './heap-loops'
import { simdKernelModule, simdKernelsFor, type SimdKernels } from './simd/simd-kernels'
import { heapBuffer, heapMemory } from './wasm-heap'

/** Below this many floats touched a kernel runs on its own thread: handing out parts costs more. */
export const POOL_MIN_FLOATS = 1 << 20

/** Task ids as helpers read them from their control word: 1.. in HEAP_LOOPS order; 0 is idle, -1 quit. */
const TASKS = Object.keys(HEAP_LOOPS) as HeapTask[]
const IDLE = 0
const QUIT = -1
const MAX_ARGS = Math.max(...TASKS.map((t) => HEAP_LOOPS[t].arity))
/** Control words: state (idle, a task id, quit), then failed (1 when the helper's part threw). */
const STATE = 0
const FAILED = 1
/** Bytes of a helper's last error message (UTF-8, zero-padded), so the caller's error says what failed. */
const MESSAGE_BYTES = 512
/** A helper that does not answer within this long is treated as lost (a kernel part takes well under it). */
const ANSWER_TIMEOUT_MS = 120_000

// The helpers run the very same loops, from their source: each is a function expression that
// uses nothing outside itself (esbuild's keepNames may wrap names in __name).
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads')
var __name = (f) => f
const loops = [${TASKS.map((t) => `(${HEAP_LOOPS[t].loop.toString()})`).join(',\n')}]
const arity = ${JSON.stringify(TASKS.map((t) => HEAP_LOOPS[t].arity))}
const { memory, control, args, message, simdModule } = workerData
// The project's SIMD kernels on the same shared heap (null where the caller has none).
const simd = simdModule === null ? null : new WebAssembly.Instance(simdModule, { env: { memory } }).exports
const ctl = new Int32Array(control)
const a = new Float64Array(args)
const text = new Uint8Array(message)
for (;;) {
  Atomics.wait(ctl, ${STATE}, ${IDLE})
  const task = Atomics.load(ctl, ${STATE})
  if (task === ${QUIT}) break
  // Woken with no task (V8 can return from a wait early, as when the shared heap grows): wait
  // again. Running on would write IDLE over a task the caller is just posting.
  if (task === ${IDLE}) continue
  try {
    // Fresh views each time: the heap may have grown since the last task.
    loops[task - 1](new Float32Array(memory.buffer), new Float64Array(memory.buffer), a.subarray(0, arity[task - 1]), simd)
    ctl[${FAILED}] = 0
  } catch (error) {
    text.fill(0)
    new TextEncoder().encodeInto(error instanceof Error ? error.name + ": " + error.message : String(error), text)
    ctl[${FAILED}] = 1
  }
  Atomics.store(ctl, ${STATE}, ${IDLE})
  Atomics.notify(ctl, ${STATE})
}
`

/** A WebAssembly.Memory (as wasm-heap.ts heapMemory gives it): what the helpers need of it. */
export interface SharedHeapMemory {
  readonly buffer: ArrayBufferLike
}

interface Helper {
  worker: Worker
  control: Int32Array
  args: Float64Array
  /** The helper's last error, as it wrote it. */
  message: Uint8Array
}

/** A helper's error message from its shared bytes (a copy: TextDecoder does not read shared memory). */
function helperMessage(bytes: Uint8Array): string {
  const end = bytes.indexOf(0)
  return new TextDecoder().decode(bytes.slice(0, end < 0 ? bytes.length : end)) || 'no message'
}

/** Runs one loop on this thread, over views of the heap as it is now. */
function runLoop(buffer: ArrayBufferLike, simd: SimdKernels | null, task: HeapTask, args: readonly number[]): void {
  const { loop, arity } = HEAP_LOOPS[task]
  if (args.length !== arity) throw new Error(`heap loop ${task} takes ${arity} numbers, got ${args.length}`)
  loop(new Float32Array(buffer), new Float64Array(buffer), args, simd)
}

export class HeapPool {
  private constructor(
    private readonly memory: SharedHeapMemory,
    /** This thread's SIMD kernels on the memory; the helpers have them exactly when it does. */
    private readonly simd: SimdKernels | null,
    private readonly helpers: Helper[],
    private readonly answerTimeoutMs: number
  ) {}

  /** Helpers for a shared wasm memory; null when the memory is not shared (one thread). */
  static start(memory: SharedHeapMemory, helpers: number, answerTimeoutMs = ANSWER_TIMEOUT_MS): HeapPool | null {
    if (helpers < 1 || !(memory.buffer instanceof SharedArrayBuffer)) return null
    const simd = simdKernelsFor(memory)
    const simdModule = simd === null ? null : simdKernelModule(true)
    const started: Helper[] = []
    for (let i = 0; i < helpers; i++) {
      const control = new SharedArrayBuffer(8)
      const args = new SharedArrayBuffer(MAX_ARGS * 8)
      const message = new SharedArrayBuffer(MESSAGE_BYTES)
      const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { memory, control, args, message, simdModule } })
      // Idle helpers must not keep a finished CLI run from exiting.
      worker.unref()
      started.push({ worker, control: new Int32Array(control), args: new Float64Array(args), message: new Uint8Array(message) })
    }
    return new HeapPool(memory, simd, started, answerTimeoutMs)
  }

  /** Threads a kernel splits over: the caller and its helpers. */
  get threads(): number {
    return this.helpers.length + 1
  }

  /**
   * Runs the loop with argsOf(part) on this thread for part 0 and on the helpers for parts
   * 1..threads-1; returns when all are done, or throws if a part failed.
   */
  run(task: HeapTask, argsOf: (part: number) => readonly number[]): void {
    const parts = Array.from({ length: this.threads }, (_, p) => argsOf(p))
    const { arity } = HEAP_LOOPS[task]
    const wrong = parts.find((args) => args.length !== arity)
    if (wrong) throw new Error(`heap loop ${task} takes ${arity} numbers, got ${wrong.length}`)
    this.helpers.forEach((helper, i) => {
      helper.args.set(parts[i + 1])
      helper.control[FAILED] = 0
      Atomics.store(helper.control, STATE, TASKS.indexOf(task) + 1)
      Atomics.notify(helper.control, STATE)
    })
    let ownError: unknown = null
    try {
      runLoop(this.memory.buffer, this.simd, task, parts[0])
    } catch (error) {
      ownError = error
    }
    let failed: string | null = null
    for (const helper of this.helpers) {
      const until = Date.now() + this.answerTimeoutMs
      let state: number
      while ((state = Atomics.load(helper.control, STATE)) !== IDLE) {
        if (Date.now() >= until) throw new Error(`a heap pool helper did not finish its part of ${task} within ${this.answerTimeoutMs / 1000} s`)
        Atomics.wait(helper.control, STATE, state, until - Date.now())
      }
      if (failed === null && helper.control[FAILED] !== 0) failed = helperMessage(helper.message)
    }
    if (ownError !== null) throw ownError
    if (failed !== null) throw new Error(`a heap pool helper failed its part of ${task}: ${failed}`)
  }

  /** Tells every helper to quit; resolves when they have. */
  stop(): Promise<void> {
    const exited = this.helpers.map(({ worker }) => new Promise<void>((resolve) => worker.once('exit', () => resolve())))
    for (const helper of this.helpers) {
      Atomics.store(helper.control, STATE, QUIT)
      Atomics.notify(helper.control, STATE)
    }
    return Promise.all(exited).then(() => undefined)
  }
}

/** [start, end) of part `part` of `parts` over [0, total), in contiguous, near-equal ranges. */
export function partRange(total: number, parts: number, part: number): [number, number] {
  return [Math.floor((total * part) / parts), Math.floor((total * (part + 1)) / parts)]
}

let current: HeapPool | null = null

/** The pool kernels use (set when the wasm backend starts with threads), or null. */
export const heapPool = (): HeapPool | null => current

export function setHeapPool(pool: HeapPool | null): void {
  void current?.stop()
  current = pool
}

/**
 * Runs a heap loop over [0, total) of its unit, split over the pool's threads when the kernel
 * touches at least POOL_MIN_FLOATS floats, else on this thread. args are the loop's numbers
 * before its range. Call after the kernel's last allocation (views of the heap go stale).
 */
export function runHeapLoop(backend: BackendWasm, task: HeapTask, total: number, floats: number, args: readonly number[]): void {
  const pool = floats >= POOL_MIN_FLOATS ? current : null
  if (pool === null) {
    const memory = heapMemory(backend)
    return runLoop(heapBuffer(backend), memory === null ? null : simdKernelsFor(memory), task, [...args, 0, total])
  }
  pool.run(task, (p) => [...args, ...partRange(total, pool.threads, p)])
}
