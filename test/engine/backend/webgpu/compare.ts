// Backend-vs-backend comparison for the webgpu tests: the worst absolute difference over the
// largest reference magnitude, the float32 measure the model tests use.
import * as tf from '@tensorflow/tfjs'
import { selectBackend } from '../../../../src/engine/backend/select'
import type { BackendName } from '../../../../src/shared/backends'

export { relativeError } from '../../models/training-pass'

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
