// LeakyReLU's forward on wasm, in one pass over the heap split over the heap pool's threads:
// the stock wasm kernel runs on one thread with a branch on the sign (9% of a small-CNN
// step). The slope multiplies in float64 and rounds once, as the cpu backend does.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { runHeapLoop } from './heap-pool'
import { allocate, floatOffset, type TensorInfo } from './wasm-heap'

export function leakyReluWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const x = args.inputs.x as TensorInfo
  const slope = (args.attrs as unknown as tf.LeakyReluAttrs).alpha
  const out = allocate(backend, x.shape)
  const n = tf.util.sizeFromShape(x.shape)
  runHeapLoop(backend, 'leaky', n, n, [floatOffset(backend, x), floatOffset(backend, out), slope])
  return out
}
