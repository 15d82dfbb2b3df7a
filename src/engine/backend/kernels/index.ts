// Training kernels the stock wasm backend (tfjs-backend-wasm 4.22) lacks or runs too slowly.
// Found by running forward + backward of our models on wasm: only Conv2DBackpropFilter is
// missing; Conv2DBackpropInput exists but is a naive loop, so it is replaced as well, and so
// are LeakyRelu and FusedBatchNorm (one thread each); plus project kernels for BatchNorm's
// reductions and elementwise chains, LeakyReLU's gradient and the global average pool's.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter'
import { conv2dBackpropInputWasm } from './conv2d-backprop-input'
import { conv2dWasm } from './conv2d-onednn'
import { COLUMN_SUMS, columnSumsWasm } from './column-sums'
import { conv2dBackpropFilterCpu } from './conv2d-backprop-filter-cpu'
import { identityWasm } from './identity'
import { LEAKY_RELU_GRAD, leakyReluGradWasm } from './leaky-relu-grad'
import { leakyReluWasm } from './leaky-relu'
import { batchNormInferenceWasm } from './batch-norm-inference'
import { SPREAD_MEAN_GRAD, spreadMeanGradWasm } from './spread-mean-grad'
import { BATCH_NORM_DX, batchNormDxWasm, CHANNEL_AFFINE, channelAffineWasm } from './channel-ops'

type WasmKernelFunc = (args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }) => tf.TensorInfo

const KERNELS: { kernelName: string; kernelFunc: WasmKernelFunc }[] = [
  { kernelName: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilterWasm },
  { kernelName: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInputWasm },
  // On every thread (heap-pool.ts); the stock one runs on one.
  { kernelName: 'LeakyRelu', kernelFunc: leakyReluWasm },
  { kernelName: 'FusedBatchNorm', kernelFunc: batchNormInferenceWasm },
  // Shares the buffer instead of copying it (identity.ts): saved tensors cost no memory.
  { kernelName: 'Identity', kernelFunc: identityWasm },
  // Not tfjs kernels: BatchNorm's reductions, the LeakyReLU gradient and the global average
  // pool's, used by the models.
  { kernelName: COLUMN_SUMS, kernelFunc: columnSumsWasm },
  { kernelName: LEAKY_RELU_GRAD, kernelFunc: leakyReluGradWasm },
  { kernelName: SPREAD_MEAN_GRAD, kernelFunc: spreadMeanGradWasm },
  // BatchNorm's per-channel elementwise chains, one pass each.
  { kernelName: CHANNEL_AFFINE, kernelFunc: channelAffineWasm },
  { kernelName: BATCH_NORM_DX, kernelFunc: batchNormDxWasm }
]

export const WASM_TRAINING_KERNELS: readonly string[] = [...KERNELS.map((k) => k.kernelName), 'Conv2D']

const registered = new Set<string>()

function register(backendName: string, kernelName: string, kernelFunc: unknown): void {
  const key = `${backendName}/${kernelName}`
  if (registered.has(key)) return
  if (tf.getKernel(kernelName, backendName) !== undefined) tf.unregisterKernel(kernelName, backendName)
  tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as tf.KernelFunc })
  registered.add(key)
}

/** Idempotent; call after the wasm backend is registered, before training on it. */
export function registerWasmTrainingKernels(): void {
  for (const { kernelName, kernelFunc } of KERNELS) register('wasm', kernelName, kernelFunc)
  // The forward convolution on oneDNN, keeping the stock XNNPACK kernel for what it does not
  // take. Once only: a second call would take this kernel for the stock one.
  if (!registered.has('wasm/Conv2D')) {
    const stock = tf.getKernel('Conv2D', 'wasm')
    if (stock === undefined) throw new Error('the wasm backend has no Conv2D kernel')
    register('wasm', 'Conv2D', conv2dWasm(stock.kernelFunc))
  }
}

/** The cpu backend has every kernel, but its filter gradient is pathologically slow. */
export function registerCpuTrainingKernels(): void {
  register('cpu', 'Conv2DBackpropFilter', conv2dBackpropFilterCpu)
}
