import { describe, expect, it } from 'vitest'
import { learningRate, type ScheduleOptions } from '../../../src/engine/train/schedule'

const cosine: ScheduleOptions = { name: 'cosine', lr: 0.03, totalSteps: 1000, warmupSteps: 0, cosineCycles: 7 / 16 }

describe('learningRate', () => {
  it('follows K: lr0 at step 0, lr0 cos(7pi/16) at K', () => {
    expect(learningRate(0, cosine)).toBe(0.03)
    expect(learningRate(1000, cosine)).toBeCloseTo(0.03 * 0.19509, 5)
    expect(learningRate(500, cosine)).toBeCloseTo(0.03 * Math.cos((7 * Math.PI) / 32), 8)
  })

  it('ramps linearly during warmup, then starts the cosine at W', () => {
    const o = { ...cosine, warmupSteps: 100 }
    expect(learningRate(0, o)).toBe(0)
    expect(learningRate(50, o)).toBeCloseTo(0.015, 10)
    expect(learningRate(100, o)).toBeCloseTo(0.03, 10)
    expect(learningRate(1000, o)).toBeCloseTo(0.03 * 0.19509, 5)
  })

  it('never goes negative past half a cycle, and constant is constant', () => {
    expect(learningRate(1000, { ...cosine, cosineCycles: 1 })).toBe(0)
    expect(learningRate(777, { ...cosine, name: 'constant' })).toBe(0.03)
  })
})
