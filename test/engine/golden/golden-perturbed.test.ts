// The golden comparison is only a guard if it fails when one thing in the step changes.
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { GoldenFixture } from './golden-fixture'
import { runGolden, type Perturbation } from './golden-run'

const failingKinds = (perturb: Perturbation, arch: 'small-cnn' | 'wrn-28-2' = 'small-cnn') =>
  new Set(runGolden(new GoldenFixture(arch), perturb).failures.map((f) => f.split('/')[1]))

describe('the golden comparison fails when the step changes', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('weight decay on BatchNorm parameters and biases', () => {
    expect(failingKinds({ decayEverything: true })).toContain('momentum')
    expect(failingKinds({ decayEverything: true }, 'wrn-28-2')).toContain('momentum')
  })

  it('plain momentum instead of Nesterov', () => {
    expect(failingKinds({ nesterov: false })).toContain('weight')
  })

  it('another EMA decay', () => {
    expect(failingKinds({ emaDecay: 0.91 })).toEqual(new Set(['ema']))
  })
})
