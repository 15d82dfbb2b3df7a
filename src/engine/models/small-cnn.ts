// A small CNN for digits and quick runs: conv-BN-LeakyReLU stages (stride 2 after the first),
// global average pool, dense. Sized for Quick MNIST on 2-core wasm (see the report figures).
import type * as tf from '@tensorflow/tfjs'
import type { ModelOptions } from './types'
import { batchNorm, conv2d, dense, globalAvgPool, leakyRelu, ParamStore, type BatchNormVars } from './layers'

export const SMALL_CNN_CHANNELS = [32, 64, 128] as const

interface Stage {
  conv: tf.Variable
  bn: BatchNormVars
  stride: number
}

export function buildSmallCnn(options: ModelOptions): { store: ParamStore; apply(x: tf.Tensor4D, training: boolean): tf.Tensor2D } {
  const store = new ParamStore(options.seed)
  const stages: Stage[] = []
  let inC = options.inputShape[2]
  SMALL_CNN_CHANNELS.forEach((outC, i) => {
    stages.push({ conv: store.conv(`conv${i + 1}`, 3, inC, outC), bn: store.batchNorm(`bn${i + 1}`, outC), stride: i === 0 ? 1 : 2 })
    inC = outC
  })
  const fc = store.dense('fc', inC, options.numClasses)
  return {
    store,
    apply(x, training) {
      let h = x
      for (const s of stages) h = leakyRelu(batchNorm(s.bn, conv2d(h, s.conv, s.stride, 1), training, options.bnMomentum), options.leakySlope)
      return dense(globalAvgPool(h), fc)
    }
  }
}
