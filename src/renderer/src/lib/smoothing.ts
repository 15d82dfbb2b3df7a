// TensorBoard's scalar smoothing: an exponential moving average, debiased so the first
// points are not dragged towards zero. NaN (a missing value) passes through untouched and
// does not disturb the average.

/** weight in [0, 1): 0 returns the values as they are. */
export function emaSmooth(values: ArrayLike<number>, weight: number): Float64Array {
  const n = values.length
  const out = new Float64Array(n)
  if (!(weight > 0)) {
    for (let i = 0; i < n; i++) out[i] = values[i]
    return out
  }
  const w = Math.min(weight, 0.999)
  let last = 0
  let debias = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) {
      out[i] = v
      continue
    }
    last = last * w + (1 - w) * v
    debias = debias * w + (1 - w)
    out[i] = last / debias
  }
  return out
}

interface Running {
  weight: number
  first: number
  /** The input value at length - 1: with first, a cheap check that the prefix is unchanged. */
  tail: number
  length: number
  last: number
  debias: number
  out: Float64Array
}

/**
 * Incremental smoothing for append-only series (a live run): a series that only grew since
 * the last call costs just its new points. Anything else (new weight, a different start,
 * a shorter series) recomputes from scratch.
 */
export class SmoothingCache {
  private readonly entries = new Map<string, Running>()

  smooth(key: string, values: ArrayLike<number>, weight: number): Float64Array {
    const n = values.length
    let e = this.entries.get(key)
    const reusable =
      e && e.weight === weight && n >= e.length && (e.length === 0 || (Object.is(values[0], e.first) && Object.is(values[e.length - 1], e.tail)))
    if (!e || !reusable) {
      e = { weight, first: n > 0 ? values[0] : Number.NaN, tail: Number.NaN, length: 0, last: 0, debias: 0, out: new Float64Array(Math.max(16, n)) }
      this.entries.set(key, e)
    }
    if (e.out.length < n) {
      const grown = new Float64Array(Math.max(n, e.out.length * 2))
      grown.set(e.out.subarray(0, e.length))
      e.out = grown
    }
    const w = Math.min(weight, 0.999)
    for (let i = e.length; i < n; i++) {
      const v = values[i]
      if (!(weight > 0) || !Number.isFinite(v)) {
        e.out[i] = v
        continue
      }
      e.last = e.last * w + (1 - w) * v
      e.debias = e.debias * w + (1 - w)
      e.out[i] = e.last / e.debias
    }
    e.length = n
    e.tail = n > 0 ? values[n - 1] : Number.NaN
    return e.out.subarray(0, n)
  }
}
