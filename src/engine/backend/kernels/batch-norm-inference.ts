// Inference BatchNorm (tf.batchNorm, the FusedBatchNorm kernel) on wasm: one pass over the heap
// split over the heap pool's threads, computed as the cpu backend does, bit for bit. The
// stock wasm kernel runs on one thread (a quarter of an evaluation's time on the small CNN).
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { runHeapLoop } from './heap-pool'
import { allocate, allocateFloat64, f32, floatOffset, heapF64, type TensorInfo } from './wasm-heap'

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
  // Means, scales, offsets and sqrt(variance + epsilon) in float64, where the helpers read them.
  const params = allocateFloat64(backend, 4 * cols)
  const heap64 = heapF64(backend)
  const [m, v] = [f32(backend, mean), f32(backend, variance)]
  const [s, o] = [scale ? f32(backend, scale) : null, offset ? f32(backend, offset) : null]
  for (let c = 0, p = params.index; c < cols; c++, p++) {
    heap64[p] = m[c]
    heap64[p + cols] = s ? s[c] : 1
    heap64[p + 2 * cols] = o ? o[c] : 0
    heap64[p + 3 * cols] = Math.sqrt(v[c] + epsilon)
  }
  runHeapLoop(backend, 'batchNorm', rows, rows * cols, [floatOffset(backend, x), floatOffset(backend, out), cols, params.index])
  backend.disposeData(params.info.dataId)
  return out
}
