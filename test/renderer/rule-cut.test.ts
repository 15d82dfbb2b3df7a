// The sample browser's "Confident-wrong (≥ cut)" label reads the run's published rule, so a cut
// that moves (the guide example's EMA threshold) shows the cut its filter applies, not the config's tau.
import { describe, expect, it } from 'vitest'
import { ruleCut } from '../../src/renderer/src/i18n/rule-text'
import { EmaThresholdStrategy } from '../../src/shared/algorithms/emathreshold'

describe('ruleCut', () => {
  it("is a plain threshold's cut, to 4 decimals", () => {
    expect(ruleCut({ kind: 'threshold', threshold: 0.95 })).toBe(0.95)
    expect(ruleCut({ kind: 'threshold', threshold: 0.843721 })).toBe(0.8437)
    expect(ruleCut({ kind: 'threshold', threshold: 0 })).toBe(0)
  })

  it('follows the guide example once its EMA has moved the cut below tau', () => {
    const s = new EmaThresholdStrategy({ ceiling: 0.95, floor: 0.5, momentum: 0.5 })
    // mean max p = 0.7: e1 = 0.475 + 0.35 = 0.825.
    s.compute({ probs: new Float32Array([0.7, 0.3, 0.3, 0.7]), numClasses: 2, unlabeledPositions: new Int32Array([0, 1]), step: 1 })
    expect(ruleCut(s.rule())).toBe(0.825)
  })

  it('is null where the rule reads another confidence or cuts per class', () => {
    expect(ruleCut({ kind: 'threshold', threshold: 0.6, alignment: [1, 1] })).toBeNull()
    expect(ruleCut({ kind: 'threshold', threshold: 0.6, sharpen: 0.5 })).toBeNull()
    expect(ruleCut({ kind: 'class-thresholds', thresholds: [0.5, 0.6] })).toBeNull()
    expect(ruleCut({ kind: 'weights', mean: 0.7, variance: 0.01, nSigma: 2, alignment: null })).toBeNull()
  })
})
