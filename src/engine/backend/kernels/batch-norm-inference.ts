// Inference BatchNorm (tf.batchNorm, the FusedBatchNorm kernel) on wasm: one pass over the heap
// split over the heap pool's threads, computed as the cpu backend does, bit for bit. The
// stock wasm kernel runs on one thread (a quarter of an evaluation's time on the small CNN).
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { POOL_MIN_FLOATS, heapPool, partRange } from './heap-pool'
import { batchNormInferenceRows } from './heap-loops'
import { allocate, f32, floatOffset, heapBuffer, heapF32, type TensorInfo } from './wasm-heap'

type Inputs = Record<'x' | 'mean' | 'variance', TensorInfo> & Partial<Record<'scale' | 'offset', TensorInfo>>

export function batchNormInferenceWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { x, mean, variance, scale, offset } = args.inputs as Inputs
  const epsilon = (args.attrs as unknown as tf.FusedBatchNormAttrs).varianceEpsilon ?? 0.001
  const cols = x.shape[x.shape.length - 1] ?? 1
  const rows = tf.util.sizeFromShape(x.shape) / cols
  const perChannel = [mean, variance, scale, offset].every((t) => t === undefined || tf.util.sizeFromShape(t.shape) === cols)
  if (!perChannel) throw new Error(`batchNorm on wasm: mean, variance, scale and offset must have one value per channel (${cols})`)
  const out = allocate(backend, x.shape)
  // Means, scales, offsets and sqrt(variance + epsilon) in float64, on the heap for the helpers.
  const store = allocate(backend, [cols * 8 + 1])
  const byteOffset = backend.getMemoryOffset(store.dataId)
  const at = byteOffset % 8 === 0 ? byteOffset : byteOffset + 4
  const params = new Float64Array(heapBuffer(backend), at, 3 * cols)
  const sqrts = new Float64Array(heapBuffer(backend), at + 24 * cols, cols)
  const [m, v] = [f32(backend, mean), f32(backend, variance)]
  const [s, o] = [scale ? f32(backend, scale) : null, offset ? f32(backend, offset) : null]
  for (let c = 0; c < cols; c++) {
    params[c] = m[c]
    params[cols + c] = s ? s[c] : 1
    params[2 * cols + c] = o ? o[c] : 0
    sqrts[c] = Math.sqrt(v[c] + epsilon)
  }
  const heap = heapF32(backend)
  const [xOff, outOff] = [floatOffset(backend, x), floatOffset(backend, out)]
  const pool = rows * cols >= POOL_MIN_FLOATS ? heapPool() : null
  if (pool === null) batchNormInferenceRows(heap, params, sqrts, xOff, outOff, 0, rows)
  else {
    const part = (p: number) => partRange(rows, pool.threads, p)
    pool.run('batchNorm', (p) => [at, cols, xOff, outOff, ...part(p)], () => batchNormInferenceRows(heap, params, sqrts, xOff, outOff, ...part(0)))
  }
  backend.disposeData(store.dataId)
  return out
}
