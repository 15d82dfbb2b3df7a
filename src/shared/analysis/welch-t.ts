// Seeds as samples: mean ± std of a figure over a run's seeds, and Welch's t-test between two
// algorithms (unequal variances, as seeds of different algorithms have). Pure: the compare
// view, the ablation study and the CLI's tables all use it.

export interface SampleStats {
  n: number
  mean: number
  /** Sample standard deviation (n - 1); 0 for one value. */
  std: number
}

export function sampleStats(values: readonly number[]): SampleStats {
  const n = values.length
  if (n === 0) return { n: 0, mean: Number.NaN, std: Number.NaN }
  const mean = values.reduce((a, b) => a + b, 0) / n
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0
  return { n, mean, std: Math.sqrt(variance) }
}

export interface WelchResult {
  /** mean(a) - mean(b). */
  difference: number
  t: number
  /** Welch-Satterthwaite degrees of freedom. */
  df: number
  /** Two-sided p-value. */
  p: number
}

/**
 * Welch's t-test of mean(a) = mean(b); null where it cannot test: a side with fewer than 2
 * values, or no spread on either side (seeds that all end at the same figure, as collapsed runs
 * do, give no estimate of the noise; calling a 0.05-point gap "apart" there would be wrong).
 */
export function welchT(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null
  const x = sampleStats(a)
  const y = sampleStats(b)
  const va = x.std ** 2 / x.n
  const vb = y.std ** 2 / y.n
  const difference = x.mean - y.mean
  if (va + vb === 0) return null
  const t = difference / Math.sqrt(va + vb)
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1))
  return { difference, t, df, p: studentTwoSidedP(t, df) }
}

/** P(|T| >= |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0
  return regularizedBeta(df / (df + t * t), df / 2, 0.5)
}

/**
 * The two-sided critical value of Student's t: P(|T| >= q) = 1 - level (level 0.95: the 97.5%
 * quantile), by bisection on studentTwoSidedP, which falls as |t| grows. df >= 1.
 */
export function studentCritical(level: number, df: number): number {
  const alpha = 1 - level
  let low = 0
  let high = 1
  while (studentTwoSidedP(high, df) > alpha) high *= 2
  for (let i = 0; i < 100 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2
    if (studentTwoSidedP(mid, df) > alpha) low = mid
    else high = mid
  }
  return (low + high) / 2
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 digits. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = c[0]
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i)
  const w = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(w) - w + Math.log(sum)
}

/** I_x(a, b), the regularized incomplete beta function, by its continued fraction. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a
  return 1 - (front * betaFraction(1 - x, b, a)) / b
}

/** Lentz's method for the incomplete beta continued fraction. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-15) break
  }
  return h
}
