// The other algorithms' golden comparison is only a guard if it fails when their rule or a
// setting changes: each perturbation below is one plausible departure from USB.
import { beforeAll, describe, expect, it } from 'vitest'
import { AdaMatchStrategy } from '../../../src/shared/algorithms/adamatch'
import { DeFixMatchStrategy } from '../../../src/shared/algorithms/defixmatch'
import type { MaskInput, MaskOutput } from '../../../src/shared/algorithms/mask-strategy'
import { DashStrategy } from '../../../src/shared/algorithms/dash'
import { FlexMatchStrategy } from '../../../src/shared/algorithms/flexmatch'
import { FreeMatchStrategy } from '../../../src/shared/algorithms/freematch'
import { MeanTeacherStrategy } from '../../../src/shared/algorithms/meanteacher'
import { PiModelStrategy } from '../../../src/shared/algorithms/pimodel'
import { PseudoLabelStrategy } from '../../../src/shared/algorithms/pseudolabel'
import { SoftMatchStrategy } from '../../../src/shared/algorithms/softmatch'
import { UdaStrategy } from '../../../src/shared/algorithms/uda'
import { selectBackend } from '../../../src/engine/backend/select'
import { GoldenFixture, type GoldenFixtureName } from './golden-fixture'
import { runGolden, type Perturbation } from './golden-run'

/** DeFixMatch with its anti term weighed 0 on every labeled row: FixMatch with the labeled strong view in Lx. */
class NoAntiTerm extends DeFixMatchStrategy {
  override compute(input: MaskInput): MaskOutput {
    const out = super.compute(input)
    return { ...out, anti: out.anti && { ...out.anti, weight: new Float32Array(out.anti.weight.length) } }
  }
}

const failingKinds = (name: GoldenFixtureName, perturb: Perturbation) =>
  new Set(runGolden(new GoldenFixture(name), perturb).failures.map((f) => f.split(/[/:]/)[1]))

describe('the golden comparison of each algorithm fails when its rule changes', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('FlexMatch selecting at another tau', () => {
    const kinds = failingKinds('small-cnn-flexmatch', { strategy: (m) => new FlexMatchStrategy(m.threshold * 0.8, m.numClasses, m.unlabeledSet ?? 0) })
    expect(kinds).toContain('state')
  })

  it('FreeMatch without its fairness loss', () => {
    expect(failingKinds('small-cnn-freematch', { strategy: (m) => new FreeMatchStrategy(m.numClasses, m.emaP ?? 0, 0) })).toContain('grad')
  })

  it("FreeMatch with another ema_p", () => {
    expect(failingKinds('small-cnn-freematch', { strategy: (m) => new FreeMatchStrategy(m.numClasses, 0.75, m.fairnessWeight ?? 0) })).toContain('state')
  })

  it('SoftMatch without uniform alignment', () => {
    const kinds = failingKinds('small-cnn-softmatch', { strategy: (m) => new SoftMatchStrategy(m.numClasses, m.emaP ?? 0, m.nSigma ?? 0, false) })
    expect(kinds).toContain('ruleWeight')
  })

  it('Pseudo-Label without its warm-up', () => {
    expect(failingKinds('small-cnn-pseudolabel', { strategy: (m) => new PseudoLabelStrategy(m.threshold, 0, m.totalSteps) })).toContain('grad')
  })

  it('Dash with unsharpened soft targets (T = 1)', () => {
    const settings = (m: GoldenFixture['meta']) => ({ temperature: 1, gamma: m.gamma ?? 0, c: m.rhoC ?? 0, rhoMin: m.rhoMin ?? 0, warmupSteps: 0, rhoInterval: m.rhoInterval ?? 0 })
    expect(failingKinds('small-cnn-dash', { strategy: (m) => new DashStrategy(settings(m)) })).toContain('grad')
  })

  it('UDA with unsharpened soft targets (T = 1, as USB at 1ef4cbe runs it)', () => {
    const settings = (m: GoldenFixture['meta']) => ({ temperature: 1, cutoff: m.threshold, tsaSchedule: m.tsaSchedule ?? 'none', numClasses: m.numClasses, totalSteps: m.totalSteps })
    expect(failingKinds('small-cnn-uda', { strategy: (m) => new UdaStrategy(settings(m)) })).toContain('grad')
  })

  it('UDA without its TSA schedule', () => {
    const settings = (m: GoldenFixture['meta']) => ({ temperature: m.udaTemperature ?? 0, cutoff: m.threshold, tsaSchedule: 'none' as const, numClasses: m.numClasses, totalSteps: m.totalSteps })
    expect(failingKinds('small-cnn-uda', { strategy: (m) => new UdaStrategy(settings(m)) })).toContain('grad')
  })

  it('DeFixMatch without its anti term', () => {
    expect(failingKinds('small-cnn-defixmatch', { strategy: (m) => new NoAntiTerm(m.threshold) })).toContain('grad')
  })

  it("DeFixMatch with the weak labeled view in the anti term (and Lx's second half)", () => {
    expect(failingKinds('small-cnn-defixmatch', { weakAsLabeledStrong: true })).toContain('grad')
  })

  it('AdaMatch with another ema_p', () => {
    expect(failingKinds('small-cnn-adamatch', { strategy: (m) => new AdaMatchStrategy(m.numClasses, m.threshold, 0.75) })).toContain('state')
  })

  it('Pi-Model in one forward over [labeled | weak | second weak] with cross-entropy, as FixMatch trains', () => {
    class OneForward extends PiModelStrategy {
      override readonly forward = 'weak-strong' as const
    }
    expect(failingKinds('small-cnn-pimodel', { strategy: (m) => new OneForward(m.unsupWarmup ?? 0, m.totalSteps) })).toContain('logits')
  })

  it('Pi-Model without its warm-up', () => {
    expect(failingKinds('small-cnn-pimodel', { strategy: (m) => new PiModelStrategy(0, m.totalSteps) })).toContain('grad')
  })

  it('Mean Teacher with the live model as its teacher', () => {
    expect(failingKinds('small-cnn-meanteacher', { strategy: (m) => new PiModelStrategy(m.unsupWarmup ?? 0, m.totalSteps) })).toContain('grad')
  })

  it('Mean Teacher with no gradient from Lu (USB at 1ef4cbe, meanteacher.py:55)', () => {
    class NoConsistency extends MeanTeacherStrategy {
      override compute(input: MaskInput): MaskOutput {
        const out = super.compute(input)
        return { ...out, weight: new Float32Array(out.weight.length) }
      }
    }
    expect(failingKinds('small-cnn-meanteacher', { strategy: (m) => new NoConsistency(m.unsupWarmup ?? 0, m.totalSteps) })).toContain('grad')
  })
})
