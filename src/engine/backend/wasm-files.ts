// Where the wasm binaries live. Resolved through module resolution from this file, so it
// works from src (tsx, vitest) and from the electron-vite bundle in out/, where
// node_modules stays external. Packaged apps must unpack these files from the asar.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const

/** The folder holding the .wasm files, with a trailing separator (setWasmPaths wants a prefix). */
export function wasmDir(): string {
  const require = createRequire(import.meta.url)
  const file = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')
  return path.dirname(file) + path.sep
}

/** Missing .wasm files, as paths; empty when all are there. */
export function missingWasmFiles(dir: string): string[] {
  return WASM_FILES.map((name) => dir + name).filter((file) => !existsSync(file))
}

const THREADED = 'tfjs-backend-wasm-threaded-simd'

/** The threaded SIMD build's files: its .wasm beside the others, its JS in wasm-out/. */
export function threadedBuildFiles(dir: string): { wasm: string; workerModule: string; mainScript: string } {
  const out = path.join(dir, '..', 'wasm-out')
  return { wasm: path.join(dir, `${THREADED}.wasm`), workerModule: path.join(out, `${THREADED}.worker.js`), mainScript: path.join(out, `${THREADED}.js`) }
}

export function hasThreadedBuild(dir: string): boolean {
  return Object.values(threadedBuildFiles(dir)).every((file) => existsSync(file))
}

// A minimal module with one SIMD instruction (wasm-feature-detect, as tfjs does).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11])

export function wasmSimdSupported(): boolean {
  try {
    // lib ES2022 has no WebAssembly value declarations; Node has the global.
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly
    return wasm.validate(SIMD_PROBE)
  } catch {
    return false
  }
}
