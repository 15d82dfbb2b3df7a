import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ParamEma } from '../../../src/engine/train/ema'
import { createTinyModel } from './tiny-model'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

describe('ParamEma', () => {
  it('averages parameters, swaps them in for evaluation and restores the live weights', () => {
    const model = createTinyModel({ height: 1, width: 1, channels: 1, numClasses: 2, weights: new Float32Array([1, 2]), center: true })
    const ema = new ParamEma(model.params, 0.9)
    model.params[0].variable.assign(tf.tensor2d([[3, 4]]))
    ema.update()
    // 0.9 * 1 + 0.1 * 3 = 1.2; 0.9 * 2 + 0.1 * 4 = 2.2
    const inside = ema.withEmaWeights(() => Array.from(model.params[0].variable.dataSync()))
    expect(inside[0]).toBeCloseTo(1.2, 6)
    expect(inside[1]).toBeCloseTo(2.2, 6)
    expect(Array.from(model.params[0].variable.dataSync())).toEqual([3, 4])
    // BN buffers are the live model's, not averaged.
    model.buffers[0].variable.assign(tf.tensor1d([5]))
    ema.update()
    expect(ema.withEmaWeights(() => model.buffers[0].variable.dataSync()[0])).toBe(5)
    ema.dispose()
    model.dispose()
  })
})
