// BatchNorm's per-channel elementwise chains as single passes on wasm (split by rows over the
// heap pool's threads): the normalize-and-scale (x - sub) * mul + add, and the input gradient
// ((dy - meanDy) - xh * meanDyXh) * scale. tfjs runs each operation as a broadcasting kernel
// with an activation-sized temporary; these give the same float32 bits in one pass.
// Other backends compose the same tf ops.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { runHeapLoop } from './heap-pool'
import { allocate, floatOffset, type TensorInfo } from './wasm-heap'

export const CHANNEL_AFFINE = 'PseudoscopeChannelAffine'
export const BATCH_NORM_DX = 'PseudoscopeBatchNormDx'

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }

export function channelAffineWasm({ inputs, backend }: KernelArgs): TensorInfo {
  const { x, sub, mul, add } = inputs as Record<'x' | 'sub' | 'mul' | 'add', TensorInfo>
  const [rows, cols] = x.shape
  const out = allocate(backend, x.shape)
  const at = (t: TensorInfo) => floatOffset(backend, t)
  runHeapLoop(backend, 'affine', rows, 2 * rows * cols, [at(x), at(sub), at(mul), at(add), at(out), cols])
  return out
}

export function batchNormDxWasm({ inputs, backend }: KernelArgs): TensorInfo {
  const { dy, xh, meanDy, meanDyXh, scale } = inputs as Record<'dy' | 'xh' | 'meanDy' | 'meanDyXh' | 'scale', TensorInfo>
  const [rows, cols] = dy.shape
  const out = allocate(backend, dy.shape)
  const at = (t: TensorInfo) => floatOffset(backend, t)
  runHeapLoop(backend, 'bnDx', rows, 3 * rows * cols, [at(dy), at(xh), at(meanDy), at(meanDyXh), at(scale), at(out), cols])
  return out
}

const onWasm = (kernel: string): boolean => tf.getBackend() === 'wasm' && tf.getKernel(kernel, 'wasm') !== undefined

function checkChannels(what: string, rows: tf.Tensor2D, vectors: (tf.Tensor | undefined)[]): void {
  const cols = rows.shape[1]
  const wrong = vectors.find((v) => v !== undefined && v.size !== cols)
  if (wrong) throw new Error(`${what}: per-channel values must have ${cols} entries, got [${wrong.shape.join(', ')}]`)
}

/**
 * (x - sub) * mul + add per column of x [rows, C]; sub, mul, add of C values (omitted: 0, 1, -0,
 * which change no bits). No gradient: for custom-gradient ops only.
 */
export function channelAffine(x: tf.Tensor2D, parts: { sub?: tf.Tensor; mul?: tf.Tensor; add?: tf.Tensor }): tf.Tensor2D {
  const cols = x.shape[1]
  checkChannels('channelAffine', x, [parts.sub, parts.mul, parts.add])
  return tf.tidy(() => {
    if (!onWasm(CHANNEL_AFFINE)) {
      let y: tf.Tensor = x
      if (parts.sub) y = tf.sub(y, tf.reshape(parts.sub, [cols]))
      if (parts.mul) y = tf.mul(y, tf.reshape(parts.mul, [cols]))
      if (parts.add) y = tf.add(y, tf.reshape(parts.add, [cols]))
      return y as tf.Tensor2D
    }
    // One kernel for every subset: the omitted parts as values that leave the bits alone.
    const sub = tf.reshape(parts.sub ?? tf.zeros([cols]), [cols])
    const mul = tf.reshape(parts.mul ?? tf.ones([cols]), [cols])
    const add = tf.reshape(parts.add ?? tf.fill([cols], -0), [cols])
    return tf.engine().runKernel(CHANNEL_AFFINE, { x, sub, mul, add }, {}) as tf.Tensor2D
  })
}

/** ((dy - meanDy) - xh * meanDyXh) * scale per column of dy, xh [rows, C]. No gradient. */
export function batchNormDx(dy: tf.Tensor2D, xh: tf.Tensor2D, meanDy: tf.Tensor, meanDyXh: tf.Tensor, scale: tf.Tensor): tf.Tensor2D {
  const cols = dy.shape[1]
  checkChannels('batchNormDx', dy, [meanDy, meanDyXh, scale])
  return tf.tidy(() => {
    const [m, mx, s] = [meanDy, meanDyXh, scale].map((v) => tf.reshape(v, [cols]))
    if (onWasm(BATCH_NORM_DX)) return tf.engine().runKernel(BATCH_NORM_DX, { dy, xh, meanDy: m, meanDyXh: mx, scale: s }, {}) as tf.Tensor2D
    return tf.mul(tf.sub(tf.sub(dy, m), tf.mul(xh, mx)), s) as tf.Tensor2D
  })
}
