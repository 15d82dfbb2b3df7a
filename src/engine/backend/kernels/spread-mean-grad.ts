// The gradient of a global average pool: dx[n, h, w, c] = dy[n, c] * scale. On wasm one pass
// over the heap; the stock routes loop over every window position (AvgPoolGrad) or tile
// slowly (broadcastTo: Tile, 20 ms for a Quick MNIST batch). Other backends broadcast.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { allocate, f32, type TensorInfo } from './wasm-heap'

export const SPREAD_MEAN_GRAD = 'PseudoscopeSpreadMeanGrad'

export function spreadMeanGradWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const dy = args.inputs.dy as TensorInfo
  const { shape, scale } = args.attrs as unknown as { shape: [number, number, number, number]; scale: number }
  const [n, h, w, c] = shape
  const out = allocate(backend, shape)
  const dyv = f32(backend, dy)
  const dx = f32(backend, out)
  for (let img = 0, i = 0; img < n; img++) {
    for (let pos = 0; pos < h * w; pos++) for (let ch = 0; ch < c; ch++, i++) dx[i] = dyv[img * c + ch] * scale
  }
  return out
}

/** dy [N, C] spread over [N, H, W, C], times scale. No gradient of its own: for custom-gradient ops. */
export function spreadMeanGrad(dy: tf.Tensor2D, shape: [number, number, number, number], scale: number): tf.Tensor4D {
  if (tf.getBackend() === 'wasm' && tf.getKernel(SPREAD_MEAN_GRAD, 'wasm') !== undefined) {
    return tf.engine().runKernel(SPREAD_MEAN_GRAD, { dy }, { shape, scale } as unknown as tf.NamedAttrMap) as tf.Tensor4D
  }
  const [n, , , c] = shape
  return tf.broadcastTo(tf.reshape(tf.mul(dy, scale), [n, 1, 1, c]), shape)
}
