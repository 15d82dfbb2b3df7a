import { AppError } from '../../shared/errors'

export interface FailureContext {
  backend: string
  step: number
  arch: string
  imagesPerStep: number
}

// tfjs-backend-wasm does not check failed allocations inside its stock kernels, so an
// exhausted 4 GB heap surfaces as any of these emscripten traps.
const WASM_OUT_OF_MEMORY = /memory access out of bounds|table index is out of bounds|Aborted\(\)|Out of memory|Cannot enlarge memory|wasm heap exhausted/i

/** Turns an engine failure the user can act on into a clear AppError; anything else passes through. */
export function explainEngineError(error: unknown, context: FailureContext): unknown {
  if (context.backend === 'wasm' && error instanceof Error && WASM_OUT_OF_MEMORY.test(error.message)) {
    return new AppError(
      'internal',
      `the wasm backend ran out of memory at step ${context.step}: ${context.arch} with ${context.imagesPerStep} images a step ` +
        'does not fit its 4 GB heap; use a smaller batch or mu, or a native backend (@tensorflow/tfjs-node-gpu)',
      { cause: error.message }
    )
  }
  return error
}
