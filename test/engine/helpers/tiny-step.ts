// One hand-computable FixMatch-style step: 2 features (1x1x2 images), 3 classes, B = 2
// labeled, mu = 1, a linear model with known weights, and the reference maths to check it.
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import type { FixMatchBatch } from '../../../src/engine/train/fixmatch-step'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'
import { createTinyModel } from '../train/tiny-model'

export const W = [1, -1, 0.5, 0.2, 2, -0.5] // [2 features x 3 classes]
export const B = [0.1, 0, -0.1]

// Weak rows: x=(2,0) -> logits (2.1, -2, 0.9), confidence 0.76; x=(0,2) -> (0.4, 4, -1.1), 0.97.
export function tinyBatch(unlabeledPositions: readonly number[] = [0, 1]): FixMatchBatch {
  return {
    labeled: new Float32Array([1, 0, 0, 1]),
    labels: new Int32Array([0, 2]),
    weak: new Float32Array([2, 0, 0, 2]),
    strong: new Float32Array([1, 1, -1, 0.5]),
    unlabeledPositions: Int32Array.from(unlabeledPositions),
    imageShape: [1, 1, 2]
  }
}

export const logits = (x: number[]): number[] => [0, 1, 2].map((k) => x[0] * W[k] + x[1] * W[3 + k] + B[k])

export function softmax(z: number[]): number[] {
  const m = Math.max(...z)
  const e = z.map((v) => Math.exp(v - m))
  const s = e.reduce((a, b) => a + b)
  return e.map((v) => v / s)
}

export const ce = (z: number[], y: number): number => -Math.log(softmax(z)[y])

// The model (BatchNorm-like when center), a plain SGD optimizer and no EMA, around a strategy.
export function tinyParts(strategy: MaskStrategy, center = false) {
  const model = createTinyModel({ height: 1, width: 1, channels: 2, numClasses: 3, weights: new Float32Array(W), bias: new Float32Array(B), center })
  return { model, optimizer: new SgdOptimizer(model.params, { momentum: 0, nesterov: false, weightDecay: 0 }), ema: null, strategy }
}
