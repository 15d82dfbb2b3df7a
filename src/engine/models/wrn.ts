// WideResNet-28-k exactly as kekmodel/FixMatch-pytorch models/wideresnet.py (ssl-reference.md
// section 3): pre-activation BasicBlocks, LeakyReLU, PyTorch padding=1 convs, and K's quirks
// for in != out blocks: stage 1 feeds LReLU(BN1(x)) to conv1 and the shortcut; stages 2 and 3
// compute BN1 (its moving statistics still update in training) but discard it.
import * as tf from '@tensorflow/tfjs'
import type { ModelOptions } from './types'
import { checkpointed } from './checkpoint'
import { shouldCheckpoint } from './checkpoint-policy'
import { batchNorm, conv2d, dense, globalAvgPool, leakyRelu, ParamStore, updateMovingStats, type BatchNormVars, type DenseVars } from './layers'

interface Block {
  bn1: BatchNormVars
  conv1: tf.Variable
  bn2: BatchNormVars
  conv2: tf.Variable
  shortcut: tf.Variable | null
  stride: number
  activateBeforeResidual: boolean
  /** Every variable the block reads, for its checkpointed gradient. */
  vars: tf.Variable[]
  /** Floats of one image's block output (H * W * C). */
  outFloats: number
}

/** Activation-sized tensors the plain tape keeps per block (BN, LReLU and conv inputs). */
const KEPT_PER_BLOCK = 6

export interface WrnNet {
  store: ParamStore
  apply(x: tf.Tensor4D, training: boolean): tf.Tensor2D
}

const DEPTH = 28

export function buildWrn(options: ModelOptions, widen: number): WrnNet {
  const n = (DEPTH - 4) / 6
  const channels = [16, 16 * widen, 32 * widen, 64 * widen]
  const store = new ParamStore(options.seed)
  const stem = store.conv('conv1', 3, options.inputShape[2], channels[0])
  const blocks: Block[] = []
  let side = options.inputShape[0] * options.inputShape[1]
  for (let stage = 0; stage < 3; stage++) {
    const inC = channels[stage]
    const outC = channels[stage + 1]
    for (let i = 0; i < n; i++) {
      const name = `block${stage + 1}.layer.${i}`
      const blockIn = i === 0 ? inC : outC
      // Module creation order follows K's __init__, so the seeded draws line up with it.
      const bn1 = store.batchNorm(`${name}.bn1`, blockIn)
      const conv1 = store.conv(`${name}.conv1`, 3, blockIn, outC)
      const bn2 = store.batchNorm(`${name}.bn2`, outC)
      const conv2 = store.conv(`${name}.conv2`, 3, outC, outC)
      const shortcut = blockIn === outC ? null : store.conv(`${name}.convShortcut`, 1, blockIn, outC)
      const stride = i === 0 && stage > 0 ? 2 : 1
      side /= stride * stride
      const vars = [bn1.gamma, bn1.beta, conv1, bn2.gamma, bn2.beta, conv2, ...(shortcut === null ? [] : [shortcut])]
      blocks.push({ bn1, conv1, bn2, conv2, shortcut, stride, activateBeforeResidual: stage === 0, vars, outFloats: side * outC })
    }
  }
  const headBn = store.batchNorm('bn1', channels[3])
  const fc: DenseVars = store.dense('fc', channels[3], options.numClasses)
  const { bnMomentum: momentum, leakySlope: slope } = options

  const keptBytesPerImage = 4 * KEPT_PER_BLOCK * blocks.reduce((sum, b) => sum + b.outFloats, 0)

  // recompute: a checkpointed block's second forward, which must not update the statistics.
  function block(b: Block, x: tf.Tensor4D, training: boolean, recompute: boolean): tf.Tensor4D {
    const act = (bn: BatchNormVars, t: tf.Tensor4D) => leakyRelu(batchNorm(bn, t, training, momentum, !recompute), slope)
    if (b.shortcut === null) {
      const out = conv2d(act(b.bn1, x), b.conv1, b.stride, 1)
      return tf.add(x, conv2d(act(b.bn2, out), b.conv2, 1, 1))
    }
    let input = x
    let deadTerm: tf.Scalar | null = null
    if (b.activateBeforeResidual) input = act(b.bn1, x)
    else if (training) {
      // The dead BN1: only its statistics change. Its gamma and beta join the graph times zero
      // so they get an exact zero gradient, which SGD treats as PyTorch treats grad=None (they
      // have no weight decay), instead of no gradient at all.
      if (!recompute) updateMovingStats(b.bn1, x, momentum)
      deadTerm = tf.mul(tf.add(tf.sum(b.bn1.gamma), tf.sum(b.bn1.beta)), 0) as tf.Scalar
    }
    const out = conv2d(act(b.bn2, conv2d(input, b.conv1, b.stride, 1)), b.conv2, 1, 1)
    const sum = tf.add(conv2d(input, b.shortcut, b.stride, 'valid'), out) as tf.Tensor4D
    return deadTerm === null ? sum : (tf.add(sum, deadTerm) as tf.Tensor4D)
  }

  return {
    store,
    apply(x, training) {
      const policy = options.checkpoint ?? 'auto'
      const checkpoint = training && shouldCheckpoint(policy, tf.getBackend(), x.shape[0] * keptBytesPerImage)
      let h = conv2d(x, stem, 1, 1)
      for (const b of blocks) {
        h = checkpoint ? checkpointed((t, recompute) => block(b, t, true, recompute), h, b.vars) : block(b, h, training, false)
      }
      return dense(globalAvgPool(leakyRelu(batchNorm(headBn, h, training, momentum), slope)), fc)
    }
  }
}
