import { describe, expect, it } from 'vitest'
import { regularizedBeta, sampleStats, studentTwoSidedP, welchT } from '../../../src/shared/analysis/welch-t'

describe('Student t two-sided p', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [0, 0.3, 1, 2.5, 12.706, 40]) {
      // df = 1 is Cauchy; df = 2 has p = 1 - |t| / sqrt(2 + t²).
      expect(studentTwoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(Math.abs(t)), 10)
      expect(studentTwoSidedP(-t, 2)).toBeCloseTo(1 - Math.abs(t) / Math.sqrt(2 + t * t), 10)
    }
  })

  it('gives the tables\' critical values', () => {
    expect(studentTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 5)
    expect(studentTwoSidedP(2.042272, 30)).toBeCloseTo(0.05, 5)
    expect(studentTwoSidedP(4.032143, 5)).toBeCloseTo(0.01, 5)
    expect(studentTwoSidedP(Infinity, 5)).toBe(0)
  })

  it('I_x(a, b) is symmetric and hits its ends', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0)
    expect(regularizedBeta(1, 2, 3)).toBe(1)
    // I_x(1, 1) = x; I_x(a, b) = 1 - I_{1-x}(b, a).
    expect(regularizedBeta(0.37, 1, 1)).toBeCloseTo(0.37, 12)
    expect(regularizedBeta(0.2, 2.5, 4) + regularizedBeta(0.8, 4, 2.5)).toBeCloseTo(1, 12)
  })
})

describe('Welch t-test over seeds', () => {
  it('reproduces the textbook example (t = -2.46, df = 25.0, p = 0.021)', () => {
    const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
    const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
    const result = welchT(a, b)
    expect(result?.t).toBeCloseTo(-2.46, 2)
    expect(result?.df).toBeCloseTo(24.99, 1)
    expect(result?.p).toBeCloseTo(0.021, 3)
  })

  it('needs two seeds a side, and some spread between them', () => {
    expect(welchT([0.9], [0.8, 0.81])).toBeNull()
    expect(welchT([0.9, 0.9], [0.9, 0.9])).toBeNull()
    expect(welchT([0.1005, 0.1005], [0.1, 0.1])).toBeNull()
    // One side with spread is enough for an estimate of the noise.
    expect(welchT([0.9, 0.9], [0.8, 0.81])?.p).toBeLessThan(0.05)
  })

  it('mean and sample std', () => {
    expect(sampleStats([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, std: Math.sqrt(5 / 3) })
    expect(sampleStats([7]).std).toBe(0)
    expect(sampleStats([]).n).toBe(0)
  })
})
