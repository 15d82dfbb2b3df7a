// When a model checkpoints its residual blocks. Recomputing each block's forward in the
// backward pass costs about a third more time, so 'auto' does it only where the plain tape
// would not fit: on wasm (one 4 GB heap, and a failed allocation leaves the module unusable)
// once the activations a training pass keeps exceed a budget. Other backends never do it
// in 'auto': native ones have the machine's memory, webgpu has its own buffer limits.
export type CheckpointPolicy = 'auto' | 'always' | 'never'

/** Activation bytes a wasm training pass may keep before 'auto' checkpoints (of 4 GB). */
export const WASM_ACTIVATION_BUDGET = 1 << 30

export function shouldCheckpoint(policy: CheckpointPolicy, backend: string, keptBytes: number): boolean {
  switch (policy) {
    case 'always':
      return true
    case 'never':
      return false
    case 'auto':
      return backend === 'wasm' && keptBytes > WASM_ACTIVATION_BUDGET
    default: {
      const never: never = policy
      throw new Error(`unknown checkpoint policy ${String(never)}`)
    }
  }
}
