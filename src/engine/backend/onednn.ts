// The optional native addon (native/onednn, built by `npm ci` where g++ and libdnnl-dev are
// installed) that runs the wasm backend's convolutions on oneDNN, the library PyTorch's CPU
// convolutions run on. Loaded once per process; without it the wasm kernels run instead.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ONEDNN_ENV } from '../../shared/training-threads'

const ADDON_PATH = path.join('native', 'onednn', 'build', 'pseudoscope-onednn.node')

/** The addon's convolution ops: forward (x, w -> y), backward data (dy, w -> dx), backward weights (x, dy -> dW). */
export const CONV_OP = { forward: 0, backwardData: 1, backwardWeights: 2 } as const
export type ConvOp = (typeof CONV_OP)[keyof typeof CONV_OP]

export interface OnednnAddon {
  /** Geometry: N, inH, inW, inC, outH, outW, outC, fH, fW, strideH, strideW, dilationH, dilationW, padTop, padLeft, padBottom, padRight. */
  conv(op: ConvOp, geometry: Int32Array, a: Float32Array, b: Float32Array, out: Float32Array): void
  setThreads(threads: number): void
  version(): string
}

export type OnednnState = { addon: OnednnAddon; version: string } | { addon: null; why: string }

/** The addon file, looked for from this module's folder upwards (source tree, bundle, app). */
export function findAddon(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ADDON_PATH)
    if (existsSync(candidate)) return candidate
    if (path.dirname(dir) === dir) return null
  }
}

function isTurnedOff(env: Record<string, string | undefined>): boolean {
  return ['off', '0', 'false', 'no'].includes((env[ONEDNN_ENV] ?? '').trim().toLowerCase())
}

let state: OnednnState | null = null

/**
 * Loads the addon (once) and gives it `threads` OpenMP threads, or says why it is not used.
 * OpenMP's idle threads sleep instead of spinning: between convolutions the cores belong to
 * the wasm kernels' threads.
 */
export function loadOnednn(threads: number, env: Record<string, string | undefined> = process.env): OnednnState {
  if (state === null) state = load(env)
  if (state.addon !== null) state.addon.setThreads(threads)
  return state
}

/**
 * Where the addon is, or why it will not be used, without loading it (the backend probe in
 * main asks this; the training process loads it).
 */
export function onednnAddonFile(env: Record<string, string | undefined> = process.env): { file: string } | { why: string } {
  if (isTurnedOff(env)) return { why: `turned off by ${ONEDNN_ENV}=${env[ONEDNN_ENV]}` }
  const file = findAddon()
  if (file === null) return { why: `${ADDON_PATH} not built (needs g++ and libdnnl-dev, then npm run build:onednn)` }
  return { file }
}

function load(env: Record<string, string | undefined>): OnednnState {
  const found = onednnAddonFile(env)
  if ('why' in found) return { addon: null, why: found.why }
  // Read by libgomp when it loads, with the addon.
  process.env.OMP_WAIT_POLICY ??= 'PASSIVE'
  try {
    const addon = createRequire(import.meta.url)(found.file) as OnednnAddon
    return { addon, version: addon.version() }
  } catch (error) {
    return { addon: null, why: `${found.file} failed to load: ${error instanceof Error ? error.message : String(error)}` }
  }
}

/** The loaded addon, or null before loadOnednn or where it is not used. */
export function onednn(): OnednnAddon | null {
  return state?.addon ?? null
}
