// DeFixMatch's rule against values worked out by hand (in the comments) on small batches;
// docs/guide/algorithms.md, DeFixMatch.
import { describe, expect, it } from 'vitest'
import { applyAblation } from '../../../src/engine/algorithms/oracle-ablation'
import { DeFixMatchStrategy } from '../../../src/shared/algorithms/defixmatch'
import { counts } from '../../../src/shared/pseudo-label-rule'

const rows = (r: number[][]) => new Float32Array(r.flat())
const input = (unlabeled: number[][], labeled: number[][], labels: number[]) => ({
  probs: rows(unlabeled),
  numClasses: unlabeled[0].length,
  unlabeledPositions: Int32Array.from(unlabeled, (_, i) => i),
  step: 1,
  labeled: { probs: rows(labeled), labels: Int32Array.from(labels) }
})

describe('DeFixMatch (USB defixmatch.py)', () => {
  it('masks the weak unlabeled view at max p >= p_cutoff (0.95 passes itself in float32), hard labels its argmax', () => {
    const out = new DeFixMatchStrategy(0.95).compute(input([[0.96, 0.04], [0.5, 0.5], [0.05, 0.95], [0.3, 0.7]], [[0.5, 0.5]], [0]))
    expect(Array.from(out.pseudo)).toEqual([0, 0, 1, 1])
    expect(Array.from(out.mask)).toEqual([1, 0, 1, 0])
    expect(Array.from(out.weight)).toEqual([1, 0, 1, 0])
    expect(out.rule).toEqual({ kind: 'threshold', threshold: 0.95 })
    // The diagnostics count by the same rule.
    expect([0.96, 0.5, 0.95, 0.7].map((c) => counts(out.rule, Math.fround(c), 0))).toEqual([true, false, true, false])
    // Hard labels: no soft targets.
    expect(out.targets).toBeUndefined()
  })

  it("the anti term's labels are the labeled batch's own argmax under the same rule (mask_lb), whatever its true labels", () => {
    // Labeled probs: 0.2/0.8 -> class 1, below 0.95 (weight 0); 0.97/0.03 -> class 0 (weight 1); 0.01/0.99 -> class 1 (1).
    const labeled = [[0.2, 0.8], [0.97, 0.03], [0.01, 0.99]]
    const a = new DeFixMatchStrategy(0.95).compute(input([[0.5, 0.5]], labeled, [1, 0, 1]))
    expect(Array.from(a.anti?.pseudo ?? [])).toEqual([1, 0, 1])
    expect(Array.from(a.anti?.weight ?? [])).toEqual([0, 1, 1])
    // The labels (here each one flipped) do not enter: USB's anti_pseudo_label reads probs_x_lb alone.
    const b = new DeFixMatchStrategy(0.95).compute(input([[0.5, 0.5]], labeled, [0, 1, 0]))
    expect(b.anti).toEqual(a.anti)
  })

  it('refuses to compute without the labeled probabilities, and an oracle ablation leaves the anti targets alone', () => {
    const s = new DeFixMatchStrategy(0.9)
    expect(() => s.compute({ probs: rows([[0.5, 0.5]]), numClasses: 2, unlabeledPositions: Int32Array.of(0), step: 1 })).toThrow(/labeled/)
    const out = s.compute(input([[0.95, 0.05], [0.92, 0.08]], [[0.93, 0.07]], [1]))
    // oracle-correct: the wrong counted row 1 (true 1) is replaced by its label; anti is the step's to use, unchanged.
    const t = applyAblation({ mode: 'oracle-correct', noiseRate: 0 }, out, Int32Array.from([0, 1]), 2)
    expect(Array.from(t.pseudo)).toEqual([0, 1])
    expect(Array.from(out.anti?.pseudo ?? [])).toEqual([0])
    expect(Array.from(out.anti?.weight ?? [])).toEqual([1])
  })

  it('is stateless, reads softmax(logits) (not T) and forwards the labeled strong view', () => {
    const s = new DeFixMatchStrategy(0.95)
    expect(s.getState()).toEqual({})
    expect(s.readsTemperature).toBe(false)
    expect(s.readsLabeled).toBe(true)
    expect(s.forward).toBe('debiased')
    expect(s.unsupScale(1)).toBe(1)
  })
})
