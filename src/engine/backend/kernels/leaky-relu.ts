// LeakyReLU's forward on wasm, in one pass over the heap split over the heap pool's threads:
// the stock wasm kernel runs on one thread with a branch on the sign (9% of a small-CNN
// step). The slope multiplies in float64 and rounds once, as the cpu backend does.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { POOL_MIN_FLOATS, heapPool, partRange } from './heap-pool'
import { leakyReluRange } from './heap-loops'
import { allocate, floatOffset, heapF32, type TensorInfo } from './wasm-heap'

export function leakyReluWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const x = args.inputs.x as TensorInfo
  const slope = (args.attrs as unknown as tf.LeakyReluAttrs).alpha
  const out = allocate(backend, x.shape)
  const heap = heapF32(backend)
  const [xOff, outOff] = [floatOffset(backend, x), floatOffset(backend, out)]
  const n = tf.util.sizeFromShape(x.shape)
  const pool = n >= POOL_MIN_FLOATS ? heapPool() : null
  if (pool === null) leakyReluRange(heap, xOff, outOff, 0, n, slope)
  else {
    const part = (p: number) => partRange(n, pool.threads, p)
    pool.run('leaky', (p) => [xOff, outOff, ...part(p), slope], () => leakyReluRange(heap, xOff, outOff, ...part(0), slope))
  }
  return out
}
