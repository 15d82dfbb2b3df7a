// Worker threads that run part of the project's JS kernels (column sums, inference BatchNorm,
// LeakyReLU and its gradient, the im2col of the filter gradient and the col2im of the input
// gradient) on the wasm heap, beside the calling thread. The
// threaded wasm build's memory is a SharedArrayBuffer, so helpers read and write the tensors
// in place. tfjs kernels are synchronous: the caller hands out parts, runs its own and
// blocks on Atomics.wait until every helper is done. Parts never change the numbers (each
// output is written by one thread; column sums add fixed blocks in a fixed order).
import { Worker } from 'node:worker_threads'
import { batchNormInferenceRows, fillColumnsTransposedTaps, leakyReluGradRange, leakyReluRange, scatterColumnsImages, sumColumnBlocks } from './heap-loops'

/** Task kinds, as helpers read them from their control word; 0 is idle, -1 quit. */
const TASK = { sum: 1, leakyGrad: 2, fill: 3, leaky: 4, scatter: 5, batchNorm: 6 } as const
export type HeapTask = keyof typeof TASK

/** Below this many floats a kernel runs on its own thread: handing out parts costs more. */
export const POOL_MIN_FLOATS = 1 << 20

const IDLE = 0
const QUIT = -1
const ARGS = 16
/** A helper that does not answer within this long is treated as lost (a kernel part takes well under it). */
const ANSWER_TIMEOUT_MS = 120_000

// The helpers run the very same loops, from their source: each is a function expression
// that uses nothing outside itself (esbuild's keepNames may wrap names in __name).
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads')
var __name = (f) => f
const sumColumnBlocks = (${sumColumnBlocks.toString()})
const leakyReluGradRange = (${leakyReluGradRange.toString()})
const fillColumnsTransposedTaps = (${fillColumnsTransposedTaps.toString()})
const leakyReluRange = (${leakyReluRange.toString()})
const scatterColumnsImages = (${scatterColumnsImages.toString()})
const batchNormInferenceRows = (${batchNormInferenceRows.toString()})
const { memory, control, args } = workerData
const ctl = new Int32Array(control)
const a = new Float64Array(args)
for (;;) {
  Atomics.wait(ctl, 0, ${IDLE})
  const task = Atomics.load(ctl, 0)
  if (task === ${QUIT}) break
  try {
    // A fresh view each time: the heap may have grown since the last task.
    const heap = new Float32Array(memory.buffer)
    if (task === ${TASK.sum}) sumColumnBlocks(heap, new Float64Array(memory.buffer, a[0], a[1]), a[2], a[3], a[4], a[5], a[6], a[7], a[8])
    else if (task === ${TASK.leakyGrad}) leakyReluGradRange(heap, a[0], a[1], a[2], a[3], a[4], a[5])
    else if (task === ${TASK.fill}) fillColumnsTransposedTaps(heap, a[0], a[1], a.subarray(2, 12), a[12], a[13], a[14], a[15])
    else if (task === ${TASK.leaky}) leakyReluRange(heap, a[0], a[1], a[2], a[3], a[4])
    else if (task === ${TASK.scatter}) scatterColumnsImages(heap, a[0], a[1], a.subarray(2, 13), a[13], a[14], a[15])
    else if (task === ${TASK.batchNorm}) batchNormInferenceRows(heap, new Float64Array(memory.buffer, a[0], 3 * a[1]), new Float64Array(memory.buffer, a[0] + 24 * a[1], a[1]), a[2], a[3], a[4], a[5])
    ctl[1] = 0
  } catch (error) {
    ctl[1] = 1
  }
  Atomics.store(ctl, 0, ${IDLE})
  Atomics.notify(ctl, 0)
}
`

/** A WebAssembly.Memory (lib ES2022 declares no WebAssembly types): what the helpers need of it. */
export interface SharedHeapMemory {
  readonly buffer: ArrayBufferLike
}

interface Helper {
  worker: Worker
  control: Int32Array
  args: Float64Array
}

export class HeapPool {
  private constructor(private readonly helpers: Helper[]) {}

  /** Helpers for a shared wasm memory; null when the memory is not shared (one thread). */
  static start(memory: SharedHeapMemory, helpers: number): HeapPool | null {
    if (helpers < 1 || !(memory.buffer instanceof SharedArrayBuffer)) return null
    const started: Helper[] = []
    for (let i = 0; i < helpers; i++) {
      const control = new SharedArrayBuffer(8)
      const args = new SharedArrayBuffer(ARGS * 8)
      const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { memory, control, args } })
      // Idle helpers must not keep a finished CLI run from exiting.
      worker.unref()
      started.push({ worker, control: new Int32Array(control), args: new Float64Array(args) })
    }
    return new HeapPool(started)
  }

  /** Threads a kernel splits over: the caller and its helpers. */
  get threads(): number {
    return this.helpers.length + 1
  }

  /**
   * Runs part 0 on this thread (own) and parts 1..threads-1 on the helpers, with the numbers
   * argsOf(part) gives; returns when all are done, or throws if a helper failed.
   */
  run(task: HeapTask, argsOf: (part: number) => readonly number[], own: () => void): void {
    this.helpers.forEach((helper, i) => {
      helper.args.set(argsOf(i + 1))
      helper.control[1] = 0
      Atomics.store(helper.control, 0, TASK[task])
      Atomics.notify(helper.control, 0)
    })
    let ownError: unknown = null
    try {
      own()
    } catch (error) {
      ownError = error
    }
    let failed = false
    for (const helper of this.helpers) {
      const until = Date.now() + ANSWER_TIMEOUT_MS
      while (Atomics.load(helper.control, 0) !== IDLE) {
        if (Atomics.wait(helper.control, 0, TASK[task], Math.max(1, until - Date.now())) === 'timed-out' && Date.now() >= until) {
          throw new Error(`a heap pool helper did not finish its part of ${task} within ${ANSWER_TIMEOUT_MS / 1000} s`)
        }
      }
      failed ||= helper.control[1] !== 0
    }
    if (ownError !== null) throw ownError
    if (failed) throw new Error(`a heap pool helper failed its part of ${task}`)
  }

  stop(): void {
    for (const helper of this.helpers) {
      Atomics.store(helper.control, 0, QUIT)
      Atomics.notify(helper.control, 0)
    }
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
  current?.stop()
  current = pool
}
