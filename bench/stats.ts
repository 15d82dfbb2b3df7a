// Order statistics the benches report their timings by.
const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b)

/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]): number => sorted(xs)[Math.floor(xs.length / 2)]

export const p95 = (xs: readonly number[]): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]
