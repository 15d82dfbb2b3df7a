// Which rule the diagnostics of a soft-target run follow (issue 28): UDA always trains on soft
// targets and counts by its confidence mask at p_cutoff; Dash only while its rule sharpens.
import { describe, expect, it } from 'vitest'
import { ALGORITHM_RULE_KIND, configThreshold, softTargets } from '../../src/shared/algorithms/registry'
import { counts } from '../../src/shared/pseudo-label-rule'

describe('soft-target rules', () => {
  it('names UDA always and Dash only while it sharpens', () => {
    expect(softTargets('uda', { kind: 'threshold', threshold: 0.8 })).toBe(true)
    expect(softTargets('dash', { kind: 'threshold', threshold: 0.6, sharpen: 0.5 })).toBe(true)
    expect(softTargets('dash', { kind: 'threshold', threshold: 0.95 })).toBe(false)
    expect(softTargets('fixmatch', { kind: 'threshold', threshold: 0.95 })).toBe(false)
  })

  it("UDA counts by its own p_cutoff, before any sweep too; the others by the config's threshold", () => {
    const algorithm = { threshold: 0.95, udaCutoff: 0.8 }
    expect(configThreshold({ ...algorithm, name: 'uda' })).toBe(0.8)
    expect(configThreshold({ ...algorithm, name: 'fixmatch' })).toBe(0.95)
    expect(ALGORITHM_RULE_KIND.uda).toBe('threshold')
    const rule = { kind: 'threshold', threshold: configThreshold({ ...algorithm, name: 'uda' }) } as const
    expect([0.79, 0.8, 0.9].map((c) => counts(rule, Math.fround(c), 0))).toEqual([false, true, true])
  })
})
