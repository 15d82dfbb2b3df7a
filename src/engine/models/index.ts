// createModel: the functional SslModel for an architecture.
import * as tf from '@tensorflow/tfjs'
import { AppError } from '../../shared/errors'
import type { ModelOptions, SslModel } from './types'
import type { ParamStore } from './layers'
import { buildSmallCnn } from './small-cnn'
import { buildWrn } from './wrn'

export type { ModelOptions, ModelParam, SslModel } from './types'

function validate(options: ModelOptions): void {
  const { numClasses, inputShape, bnMomentum, leakySlope } = options
  const bad = (field: string, why: string) => new AppError('invalid-config', `model.${field}: ${why}`, { field })
  if (!Number.isInteger(numClasses) || numClasses < 2) throw bad('numClasses', `must be an integer >= 2, got ${numClasses}`)
  if (inputShape.length !== 3 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw bad('inputShape', `must be [height, width, channels] of positive integers, got ${JSON.stringify(inputShape)}`)
  }
  if (!(bnMomentum > 0 && bnMomentum < 1)) throw bad('bnMomentum', `must be in (0, 1), got ${bnMomentum}`)
  if (!(leakySlope >= 0 && leakySlope <= 1)) throw bad('leakySlope', `must be in [0, 1], got ${leakySlope}`)
}

function build(options: ModelOptions): { store: ParamStore; apply(x: tf.Tensor4D, training: boolean): tf.Tensor2D } {
  switch (options.arch) {
    case 'small-cnn':
      return buildSmallCnn(options)
    case 'wrn-28-2':
      return buildWrn(options, 2)
    case 'wrn-28-8':
      return buildWrn(options, 8)
    default: {
      const never: never = options.arch
      throw new AppError('invalid-config', `model.arch: unknown architecture ${String(never)}`)
    }
  }
}

export function createModel(options: ModelOptions): SslModel {
  validate(options)
  const net = build(options)
  const [h, w, c] = options.inputShape
  let disposed = false
  return {
    options,
    params: net.store.params,
    buffers: net.store.buffers,
    apply(x, training) {
      if (disposed) throw new AppError('internal', 'model used after dispose')
      if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
        throw new AppError('invalid-payload', `model input must be [batch, ${h}, ${w}, ${c}], got [${x.shape.join(', ')}]`)
      }
      return net.apply(x, training)
    },
    countParams: () => net.store.countParams(),
    dispose() {
      if (disposed) return
      disposed = true
      net.store.dispose()
    }
  }
}
