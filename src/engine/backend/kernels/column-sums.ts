// Per-column sums of a [rows, C] matrix (or of the elementwise product of two), the
// reductions of BatchNorm over N*H*W. On wasm a JS loop over the heap with float64
// accumulators beats every stock route (a reduction over outer axes transposes first; a
// matmul with ones repacks the big operand on each call). Other backends use tf ops.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { allocate, f32, type TensorInfo } from './wasm-heap'

export const COLUMN_SUMS = 'PseudoscopeColumnSums'

export function columnSumsWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { a, b } = args.inputs as { a: TensorInfo; b?: TensorInfo }
  const [rows, cols] = a.shape
  const out = allocate(backend, [cols])
  const av = f32(backend, a)
  const acc = new Float64Array(cols)
  if (b === undefined) {
    for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < cols; c++, i++) acc[c] += av[i]
  } else {
    const bv = f32(backend, b)
    for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < cols; c++, i++) acc[c] += av[i] * bv[i]
  }
  f32(backend, out).set(acc)
  return out
}

/**
 * sum over rows of a (or of a * b), shape [C]. No gradient: for use inside custom-gradient
 * ops (forward and backward functions), never on the tape.
 */
export function columnSums(a: tf.Tensor2D, b?: tf.Tensor2D): tf.Tensor1D {
  if (b !== undefined && (b.shape[0] !== a.shape[0] || b.shape[1] !== a.shape[1])) {
    throw new Error(`columnSums: shapes differ, [${a.shape}] and [${b.shape}]`)
  }
  if (tf.getBackend() === 'wasm' && tf.getKernel(COLUMN_SUMS, 'wasm') !== undefined) {
    const inputs: tf.NamedTensorMap = b === undefined ? { a } : { a, b }
    return tf.engine().runKernel(COLUMN_SUMS, inputs, {}) as tf.Tensor1D
  }
  return tf.sum(b === undefined ? a : tf.mul(a, b), 0)
}
