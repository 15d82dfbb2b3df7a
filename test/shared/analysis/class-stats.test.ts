import { describe, expect, it } from 'vitest'
import { windowClassStats } from '../../../src/shared/analysis/class-stats'
import type { StepMetrics } from '../../../src/shared/metrics'

function rec(step: number, classPseudo: number[], classTrue: number[], classCorrect: number[]): StepMetrics {
  return {
    step, time: step, segment: 0, lr: 0.03, lossX: 1, lossU: 0, loss: 1, plAccAll: 0, maskRate: 0, plAccMasked: null,
    confidentWrong: 0, maskedCount: 0, unlabeledBatch: 4, meanConfidence: 0.5, stepMs: 1, classPseudo, classTrue, classCorrect
  }
}

describe('windowClassStats', () => {
  const records = [rec(1, [4, 0], [2, 2], [2, 0]), rec(2, [1, 3], [2, 2], [1, 2]), rec(3, [0, 4], [4, 0], [0, 0])]

  it('sums counts inside the window, both ends included', () => {
    const s = windowClassStats(records, 1, 2)
    expect(s.pseudo).toEqual([5, 3])
    expect(s.truth).toEqual([4, 4])
    expect(s.correct).toEqual([3, 2])
    expect(s.precision).toEqual([3 / 5, 2 / 3])
    expect(s.recall).toEqual([3 / 4, 2 / 4])
  })

  it('gives null where a class never appears', () => {
    const s = windowClassStats(records, 3, 3)
    expect(s.precision).toEqual([null, 0])
    expect(s.recall).toEqual([0, null])
  })

  it('gives empty arrays for an empty window', () => {
    expect(windowClassStats(records, 10, 20)).toEqual({ precision: [], recall: [], pseudo: [], truth: [], correct: [] })
  })
})
