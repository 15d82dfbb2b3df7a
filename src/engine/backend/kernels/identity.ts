// Identity (what tf.clone and every custom gradient's save() run) sharing the input's buffer,
// as the cpu backend does. The stock wasm kernel copies it: each BatchNorm, LReLU and
// checkpointed block saved an activation-sized copy for the backward pass, a third of a
// WRN step's memory. tfjs tensors are immutable (a variable's assign swaps its buffer), so
// sharing is safe and the reference count frees the buffer with its last tensor.
import type * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

export function identityWasm(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm }): tf.TensorInfo {
  const x = args.inputs.x as tf.TensorInfo
  args.backend.incRef(x.dataId)
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype }
}
