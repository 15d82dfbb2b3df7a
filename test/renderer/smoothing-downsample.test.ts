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

describe('SmoothingCache', () => {
  it('extends a growing series to the same values as smoothing it whole', async () => {
    const { SmoothingCache } = await import('../../src/renderer/src/lib/smoothing')
    const cache = new SmoothingCache()
    const all = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) + (i % 3))
    all[500] = Number.NaN
    cache.smooth('a', all.subarray(0, 10), 0.8)
    cache.smooth('a', all.subarray(0, 600), 0.8)
    const grown = cache.smooth('a', all, 0.8)
    const whole = emaSmooth(all, 0.8)
    for (let i = 0; i < all.length; i++) expect(Object.is(grown[i], whole[i]) || Math.abs(grown[i] - whole[i]) < 1e-12).toBe(true)
  })
  it('recomputes when the weight changes or the series is replaced', async () => {
    const { SmoothingCache } = await import('../../src/renderer/src/lib/smoothing')
    const cache = new SmoothingCache()
    cache.smooth('a', [1, 2, 3], 0.5)
    expect([...cache.smooth('a', [1, 2, 3], 0.9)]).toEqual([...emaSmooth([1, 2, 3], 0.9)])
    expect([...cache.smooth('a', [5, 5], 0.9)]).toEqual([...emaSmooth([5, 5], 0.9)])
    expect([...cache.smooth('a', [4, 4, 4], 0)]).toEqual([4, 4, 4])
  })
})

describe('SmoothingCache prefix check', () => {
  it('does not reuse a cached prefix for a different series that starts alike', async () => {
    const { SmoothingCache } = await import('../../src/renderer/src/lib/smoothing')
    const cache = new SmoothingCache()
    cache.smooth('a', [1, 2, 3], 0.5)
    const other = [1, 9, 9, 9]
    expect([...cache.smooth('a', other, 0.5)]).toEqual([...emaSmooth(other, 0.5)])
  })
})
