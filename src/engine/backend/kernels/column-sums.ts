// Per-column sums of a [rows, C] matrix (or of the elementwise product of two), the
// reductions of BatchNorm over N*H*W. On wasm a loop over the heap with float64 accumulators
// (kernels.wat columnSums, or its JS twin) beats every stock route (a reduction over outer axes
// transposes first; a matmul with ones repacks the big operand on each call); its blocks of
// rows are shared with the heap pool's threads, each block's float64 sums on the heap. Other
// backends use tf ops.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { runHeapLoop } from './heap-pool'
import { SUM_BLOCK_ROWS } from './heap-loops'
import { allocate, allocateFloat64, f32, floatOffset, heapF64, type TensorInfo } from './wasm-heap'

export const COLUMN_SUMS = 'PseudoscopeColumnSums'

export function columnSumsWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { a, b } = args.inputs as { a: TensorInfo; b?: TensorInfo }
  const [rows, cols] = a.shape
  const out = allocate(backend, [cols])
  const blocks = Math.ceil(rows / SUM_BLOCK_ROWS)
  const partials = allocateFloat64(backend, blocks * cols)
  const bOff = b === undefined ? -1 : floatOffset(backend, b)
  runHeapLoop(backend, 'sum', blocks, rows * cols, [floatOffset(backend, a), bOff, rows, cols, SUM_BLOCK_ROWS, partials.index])
  // The blocks in order, whatever thread summed each: the same numbers at every thread count.
  const heap64 = heapF64(backend)
  const acc = new Float64Array(cols)
  for (let block = 0; block < blocks; block++) for (let c = 0; c < cols; c++) acc[c] += heap64[partials.index + block * cols + c]
  f32(backend, out).set(acc)
  backend.disposeData(partials.info.dataId)
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
