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
