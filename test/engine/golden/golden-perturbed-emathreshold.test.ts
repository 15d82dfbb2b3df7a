// The guide example's golden fixture (small-cnn-emathreshold; docs/guide/your-algorithm.md,
// step 4) guards its rule only if it fails when the rule changes: each case below is one
// plausible slip in writing it.
import { beforeAll, describe, expect, it } from 'vitest'
import { EmaThresholdStrategy } from '../../../src/shared/algorithms/emathreshold'
import { applyRule, type MaskInput, type MaskOutput } from '../../../src/shared/algorithms/mask-strategy'
import { selectBackend } from '../../../src/engine/backend/select'
import { GoldenFixture } from './golden-fixture'
import { runGolden, type Perturbation } from './golden-run'

/** The EMA taking the batch in before the mask (FreeMatch's order) instead of after it. */
class UpdateFirst extends EmaThresholdStrategy {
  override compute(input: MaskInput): MaskOutput {
    const out = super.compute(input)
    const rule = this.rule()
    return { ...out, ...applyRule(rule, out.confidence, out.pseudo), rule }
  }
}

/** The fixture's settings: its meta stores the floor under the config's name (golden_algorithms.py). */
const settings = (meta: GoldenFixture['meta']) => ({ ceiling: meta.threshold, floor: (meta as unknown as { thresholdFloor: number }).thresholdFloor, momentum: meta.emaP ?? 0 })
const run = (perturb: Perturbation) => runGolden(new GoldenFixture('small-cnn-emathreshold'), perturb)
const kinds = (failures: string[]) => new Set(failures.map((f) => f.split(/[/:]/)[1]))

describe("the guide example's golden comparison fails when its rule changes", () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('passes as written (the fixture crosses the ceiling, the EMA between and the floor)', () => {
    const report = run({ strategy: (m) => new EmaThresholdStrategy(settings(m)) })
    expect(report.labelMismatches).toEqual([])
    expect(report.failures).toEqual([])
  })

  it('with the cut held at tau (FixMatch on softmax(logits)): a later step masks otherwise', () => {
    const report = run({ strategy: (m) => new EmaThresholdStrategy({ ...settings(m), floor: m.threshold }) })
    expect(report.labelMismatches.join()).toMatch(/step[23] mask/)
  })

  it('with the EMA updated before the mask', () => {
    const report = run({ strategy: (m) => new UpdateFirst(settings(m)) })
    expect(report.labelMismatches.join()).toMatch(/step1 mask/)
  })

  it('with another momentum', () => {
    expect(kinds(run({ strategy: (m) => new EmaThresholdStrategy({ ...settings(m), momentum: 0.75 }) }).failures)).toContain('state')
  })
})
