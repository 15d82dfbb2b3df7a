// Per-column sums of a [rows, C] matrix (or of the elementwise product of two), the
// reductions of BatchNorm over N*H*W. On wasm a JS loop over the heap with float64
// accumulators beats every stock route (a reduction over outer axes transposes first; a
// matmul with ones repacks the big operand on each call); its blocks of rows are shared
// with the heap pool's threads. Other backends use tf ops.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { POOL_MIN_FLOATS, heapPool, partRange } from './heap-pool'
import { SUM_BLOCK_ROWS, sumColumnBlocks } from './heap-loops'
import { allocate, f32, floatOffset, heapBuffer, heapF32, type TensorInfo } from './wasm-heap'

export const COLUMN_SUMS = 'PseudoscopeColumnSums'

export function columnSumsWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { a, b } = args.inputs as { a: TensorInfo; b?: TensorInfo }
  const [rows, cols] = a.shape
  const out = allocate(backend, [cols])
  const blocks = Math.ceil(rows / SUM_BLOCK_ROWS)
  // Each block's float64 sums, on the heap where the pool's helpers can write them (+1 float
  // to align the float64 view to 8 bytes).
  const store = allocate(backend, [blocks * cols * 2 + 1])
  const byteOffset = backend.getMemoryOffset(store.dataId)
  const partialsAt = byteOffset % 8 === 0 ? byteOffset : byteOffset + 4
  const partials = new Float64Array(heapBuffer(backend), partialsAt, blocks * cols)
  const heap = heapF32(backend)
  const aOff = floatOffset(backend, a)
  const bOff = b === undefined ? -1 : floatOffset(backend, b)
  const pool = rows * cols >= POOL_MIN_FLOATS ? heapPool() : null
  if (pool === null) sumColumnBlocks(heap, partials, aOff, bOff, rows, cols, SUM_BLOCK_ROWS, 0, blocks)
  else {
    const part = (p: number) => partRange(blocks, pool.threads, p)
    pool.run(
      'sum',
      (p) => [partialsAt, blocks * cols, aOff, bOff, rows, cols, SUM_BLOCK_ROWS, ...part(p)],
      () => sumColumnBlocks(heap, partials, aOff, bOff, rows, cols, SUM_BLOCK_ROWS, ...part(0))
    )
  }
  // The blocks in order, whatever thread summed each: the same numbers at every thread count.
  const acc = new Float64Array(cols)
  for (let block = 0; block < blocks; block++) for (let c = 0; c < cols; c++) acc[c] += partials[block * cols + c]
  f32(backend, out).set(acc)
  backend.disposeData(store.dataId)
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
