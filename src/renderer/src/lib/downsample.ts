// Min-max downsampling: each bucket of x keeps its lowest and highest y, in x order, so
// spikes survive and a 2^20-point series draws as a few thousand points.

export interface XY {
  x: Float64Array
  y: Float64Array
}

/** Index range [lo, hi) of the sorted xs that fall inside [xMin, xMax]. */
export function windowIndices(xs: ArrayLike<number>, xMin: number, xMax: number): [number, number] {
  return [lowerBound(xs, xMin), upperBound(xs, xMax)]
}

/**
 * xs ascending. Keeps every point when the window holds at most 2 * buckets of them;
 * NaN ys are kept as gaps (one per bucket that has any) so lines break where data is missing.
 */
export function minMaxDownsample(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  buckets: number,
  lo = 0,
  hi = xs.length
): XY {
  const count = Math.max(0, hi - lo)
  if (count <= buckets * 2) {
    const x = new Float64Array(count)
    const y = new Float64Array(count)
    for (let i = 0; i < count; i++) {
      x[i] = xs[lo + i]
      y[i] = ys[lo + i]
    }
    return { x, y }
  }
  const x = new Float64Array(buckets * 3)
  const y = new Float64Array(buckets * 3)
  let k = 0
  const size = count / buckets
  for (let b = 0; b < buckets; b++) {
    const start = lo + Math.floor(b * size)
    const end = lo + Math.floor((b + 1) * size)
    let iMin = -1
    let iMax = -1
    let gap = -1
    for (let i = start; i < end; i++) {
      const v = ys[i]
      if (Number.isNaN(v)) {
        if (gap < 0) gap = i
        continue
      }
      if (iMin < 0 || v < ys[iMin]) iMin = i
      if (iMax < 0 || v > ys[iMax]) iMax = i
    }
    const picks = [iMin, iMax, gap].filter((i) => i >= 0).sort((a, b) => a - b)
    let prev = -1
    for (const i of picks) {
      if (i === prev) continue
      x[k] = xs[i]
      y[k] = ys[i]
      k++
      prev = i
    }
  }
  return { x: x.slice(0, k), y: y.slice(0, k) }
}

function lowerBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function upperBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid] <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}
