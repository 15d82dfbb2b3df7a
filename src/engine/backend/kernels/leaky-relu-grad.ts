// The LeakyReLU input gradient in one pass over the wasm heap (split over the heap pool's
// threads): tfjs builds it from Greater, Select and Multiply, three passes and two
// temporaries the size of the activation.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { runHeapLoop } from './heap-pool'
import { allocate, floatOffset, type TensorInfo } from './wasm-heap'

export const LEAKY_RELU_GRAD = 'PseudoscopeLeakyReluGrad'

export function leakyReluGradWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo }
  const slope = args.attrs.slope as number
  const out = allocate(backend, x.shape)
  const n = tf.util.sizeFromShape(x.shape)
  runHeapLoop(backend, 'leakyGrad', n, n, [floatOffset(backend, dy), floatOffset(backend, x), floatOffset(backend, out), slope])
  return out
}

/** dy * (x > 0 ? 1 : slope). No gradient of its own: for use inside custom-gradient ops. */
export function leakyReluGrad<T extends tf.Tensor>(dy: T, x: T, slope: number): T {
  if (tf.getBackend() === 'wasm' && tf.getKernel(LEAKY_RELU_GRAD, 'wasm') !== undefined) {
    return tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { slope }) as T
  }
  return tf.mul(dy, tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, slope))) as T
}
