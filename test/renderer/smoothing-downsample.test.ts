import { describe, expect, it } from 'vitest'
import { emaSmooth } from '../../src/renderer/src/lib/smoothing'
import { minMaxDownsample, windowIndices } from '../../src/renderer/src/lib/downsample'

describe('emaSmooth', () => {
  it('returns the values unchanged at weight 0 and keeps a constant series constant', () => {
    expect([...emaSmooth([1, 5, 2], 0)]).toEqual([1, 5, 2])
    for (const v of emaSmooth([3, 3, 3, 3], 0.9)) expect(v).toBeCloseTo(3, 12)
  })
  it('is debiased: the first point equals the first value', () => {
    expect(emaSmooth([10, 0, 0], 0.6)[0]).toBeCloseTo(10, 12)
  })
  it('follows the EMA recurrence', () => {
    const w = 0.5
    const out = emaSmooth([0, 1], w)
    // last = 0.5 * (0.5*0 + 0.5*0) + 0.5*1 = 0.5, debias = 0.75
    expect(out[1]).toBeCloseTo(0.5 / 0.75, 12)
  })
  it('passes NaN through without poisoning later points', () => {
    const out = emaSmooth([1, Number.NaN, 1], 0.9)
    expect(Number.isNaN(out[1])).toBe(true)
    expect(out[2]).toBeCloseTo(1, 12)
  })
})

describe('minMaxDownsample', () => {
  const n = 2 ** 16
  const xs = Float64Array.from({ length: n }, (_, i) => i)
  const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 100))
  ys[12345] = 50 // a spike must survive
  ys[40000] = -50

  it('keeps small inputs whole', () => {
    const r = minMaxDownsample([0, 1, 2], [5, 6, 7], 10)
    expect([...r.x]).toEqual([0, 1, 2])
    expect([...r.y]).toEqual([5, 6, 7])
  })
  it('bounds the output, keeps extremes and x order', () => {
    const r = minMaxDownsample(xs, ys, 500)
    expect(r.x.length).toBeLessThanOrEqual(1000)
    expect(Math.max(...r.y)).toBe(50)
    expect(Math.min(...r.y)).toBe(-50)
    for (let i = 1; i < r.x.length; i++) expect(r.x[i]).toBeGreaterThan(r.x[i - 1])
  })
  it('downsamples a window only', () => {
    const [lo, hi] = windowIndices(xs, 1000, 1999)
    expect([lo, hi]).toEqual([1000, 2000])
    const r = minMaxDownsample(xs, ys, 100, lo, hi)
    expect(r.x[0]).toBeGreaterThanOrEqual(1000)
    expect(r.x[r.x.length - 1]).toBeLessThanOrEqual(1999)
  })
  it('keeps a gap marker where a bucket has missing values', () => {
    const y = Float64Array.from({ length: 1000 }, () => 0.5)
    y[500] = Number.NaN
    const r = minMaxDownsample(Float64Array.from({ length: 1000 }, (_, i) => i), y, 50)
    expect([...r.y].some((v) => Number.isNaN(v))).toBe(true)
  })
})
