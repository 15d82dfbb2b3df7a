// Multithreaded wasm under Node (the CLI and Electron's utility process). tfjs-backend-wasm
// 4.22 ships its threaded SIMD build but turns it off under Node (WASM_HAS_MULTITHREAD_SUPPORT
// is false when IS_NODE, tfjs issue 3830): Emscripten would start its pthread workers from a
// Blob URL, which worker_threads cannot load, and hand them the main script as a Blob. As in
// tfjs PR 8059 (never merged), the workers here run the worker source the package ships, with
// eval, and get the main script's file path. The kernels are the same XNNPACK ones, each
// output tile computed by one thread, so the numbers do not depend on the thread count.
// oneDNN's convolutions (onednn.ts) get the same count of OpenMP threads.
import { createRequire } from 'node:module'
import os from 'node:os'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import * as tf from '@tensorflow/tfjs'
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm'
import { resolveTrainingThreads, TRAINING_THREADS_ENV } from '../../shared/training-threads'
import { hasThreadedBuild, threadedBuildFiles } from './wasm-files'

/** PSEUDOSCOPE_WASM_THREADS when set (1 turns threads off), else every core; within [1, 8]. */
export function wasmThreadCount(env: Record<string, string | undefined> = process.env, cores = os.availableParallelism()): number {
  const asked = Number.parseInt(env[TRAINING_THREADS_ENV] ?? '', 10)
  return resolveTrainingThreads(Number.isInteger(asked) && asked > 0 ? asked : 'auto', cores, 1)
}

/** The threaded build's worker source and main script; null if its files are absent. */
function threadedFiles(wasmDir: string): { workerSource: string; mainScript: string } | null {
  if (!hasThreadedBuild(wasmDir)) return null
  const { workerModule, mainScript } = threadedBuildFiles(wasmDir)
  const { wasmWorkerContents } = createRequire(import.meta.url)(workerModule) as { wasmWorkerContents: string }
  // tfjs escapes the newlines in string literals the same way before making its Blob.
  return { workerSource: wasmWorkerContents.replace(/\n/g, '\\n'), mainScript }
}

/**
 * Runs init (the wasm backend's first setBackend) with `threads` threads, or with one when
 * threads is 1 or the threaded files are missing. Returns what init returns.
 */
export async function withWasmThreads<T>(threads: number, wasmDir: string, init: () => Promise<T>): Promise<T> {
  const files = threads > 1 ? threadedFiles(wasmDir) : null
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', files !== null)
  if (files === null) return init()
  const started: Worker[] = []
  class PthreadWorker extends Worker {
    constructor(_blobUrl: unknown, options?: WorkerOptions) {
      super(files!.workerSource, { ...options, eval: true })
      started.push(this)
    }
    override postMessage(message: unknown, transfer?: Parameters<Worker['postMessage']>[1]): void {
      const load = message as { cmd?: string } | null
      super.postMessage(load?.cmd === 'load' ? { ...load, urlOrBlob: files!.mainScript } : message, transfer)
    }
  }
  const worker = Object.getOwnPropertyDescriptor(globalThis, 'Worker')
  Object.defineProperty(globalThis, 'Worker', { configurable: true, get: () => PthreadWorker, set: () => undefined })
  // The backend caps its pool at half the logical cores (it assumes two hyperthreads a core),
  // which on a 2-core machine is one thread: report twice the threads wanted while it starts.
  const cpus = os.cpus
  Object.defineProperty(os, 'cpus', { configurable: true, writable: true, value: () => Array.from({ length: 2 * threads }, () => cpus()[0]) })
  setThreadsCount(threads)
  try {
    return await init()
  } finally {
    // Referenced while they load (nothing else keeps the event loop alive then), then not:
    // idle pool threads must not keep a finished CLI run from exiting.
    for (const w of started) w.unref()
    Object.defineProperty(os, 'cpus', { configurable: true, writable: true, value: cpus })
    if (worker === undefined) Reflect.deleteProperty(globalThis, 'Worker')
    else Object.defineProperty(globalThis, 'Worker', worker)
  }
}
