import { describe, expect, it } from 'vitest'
import { StepMetricsSchema } from '../../../src/shared/metrics'
import { validateStepMetrics } from '../../../src/node/session/records'
import { stepRecord } from './fixtures'

const accepts = (v: unknown): boolean => {
  try {
    validateStepMetrics(structuredClone(v))
    return true
  } catch {
    return false
  }
}

describe('validateStepMetrics', () => {
  it('accepts exactly what the schema accepts', () => {
    const base = stepRecord(4) as unknown as Record<string, unknown>
    const cases: unknown[] = [
      base,
      { ...base, loss: null },
      { ...base, plAccMasked: null },
      { ...base, extra: 'kept' },
      { ...base, step: -1 },
      { ...base, step: 1.5 },
      { ...base, segment: '0' },
      { ...base, lr: '0.1' },
      { ...base, classTrue: [1, 'a'] },
      { ...base, classCorrect: undefined },
      { ...base, plAccMasked: 'x' },
      { ...base, classThresholds: [0.5, 0.9] },
      { ...base, classThresholds: [0.5, 'a'] },
      { ...base, classThresholds: null },
      null,
      [],
      'line'
    ]
    for (const c of cases) expect(accepts(c), JSON.stringify(c)).toBe(StepMetricsSchema.safeParse(c).success)
  })

  it('reads null numbers as NaN and names the bad field', () => {
    expect(validateStepMetrics({ ...stepRecord(1), loss: null }).loss).toBeNaN()
    expect(() => validateStepMetrics({ ...stepRecord(1), lossX: 'a' })).toThrow(/lossX/)
    expect(() => validateStepMetrics({ ...stepRecord(1), classThresholds: [1, 'a'] })).toThrow(/^classThresholds\.1: /)
    // An optional field left out stays out.
    expect('classThresholds' in validateStepMetrics(JSON.parse(JSON.stringify(stepRecord(1))))).toBe(false)
  })
})
