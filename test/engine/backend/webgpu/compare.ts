// Backend-vs-backend comparison for the webgpu tests: the worst absolute difference over the
// largest reference magnitude, the float32 measure the model tests use.
import * as tf from '@tensorflow/tfjs'
import { selectBackend } from '../../../../src/engine/backend/select'
import type { BackendName } from '../../../../src/shared/backends'

export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity
  let scale = 1e-6
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  }
  return worst / scale
}

export type Outputs = Record<string, Float32Array>

/** Runs fn on a backend and copies out what it returns (tensors freed). */
export async function onBackend(name: BackendName, fn: () => Record<string, tf.Tensor>): Promise<Outputs> {
  await selectBackend(name)
  if (tf.getBackend() !== name) throw new Error(`expected backend ${name}, got ${tf.getBackend()}`)
  const tensors = tf.tidy(fn)
  const out: Outputs = {}
  for (const [key, t] of Object.entries(tensors)) out[key] = Float32Array.from(t.dataSync())
  tf.dispose(tensors)
  return out
}
