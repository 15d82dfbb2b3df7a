// The run's seeded generator (xoshiro128**, seeded through splitmix32). One seed drives
// split, sampling, augmentation and init; the state is four u32s, so it checkpoints as JSON.
// Each purpose salts the seed (seedFor), so split, init and batch feed draw different streams.

export type RngState = [number, number, number, number]

function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/**
 * How a run's seeds become generators. 1: every purpose used the seed as is, so split, init
 * and batch feed drew the same stream (sessions from before version 2 record no version).
 * 2: each purpose salts the seed.
 */
export const SEEDING_VERSIONS = [1, 2] as const
export type SeedingVersion = (typeof SEEDING_VERSIONS)[number]
export const SEEDING_VERSION: SeedingVersion = 2

export const SEED_PURPOSES = ['split', 'init', 'batch-feed', 'ablation'] as const
export type SeedPurpose = (typeof SEED_PURPOSES)[number]

/** FNV-1a of the purpose's name: a fixed salt per purpose. */
function salt(purpose: SeedPurpose): number {
  let h = 0x811c9dc5
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** The u32 seed a purpose's generator starts from (version 1: the seed itself). */
export function seedFor(seed: number, purpose: SeedPurpose, version: SeedingVersion = SEEDING_VERSION): number {
  if (version === 1) return seed >>> 0
  // One splitmix round over seed ^ salt: nearby seeds and purposes land far apart.
  return splitmix32((seed ^ salt(purpose)) >>> 0)()
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0

export class Rng {
  private s: Uint32Array

  constructor(seed: number) {
    const next = splitmix32(seed)
    this.s = new Uint32Array([next(), next(), next(), next()])
    if (this.s.every((word) => word === 0)) this.s[0] = 1
  }

  /** The generator for one purpose of a run seeded with `seed`. */
  static forPurpose(seed: number, purpose: SeedPurpose, version: SeedingVersion = SEEDING_VERSION): Rng {
    return new Rng(seedFor(seed, purpose, version))
  }

  static fromState(state: RngState): Rng {
    const rng = new Rng(0)
    rng.s = Uint32Array.from(state)
    return rng
  }

  getState(): RngState {
    return [this.s[0], this.s[1], this.s[2], this.s[3]]
  }

  /** A new independent generator, e.g. one per purpose, derived from this one. */
  fork(): Rng {
    return new Rng(this.nextU32())
  }

  nextU32(): number {
    const s = this.s
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0
    const t = (s[1] << 9) >>> 0
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = rotl(s[3], 11)
    return result
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296
  }

  /** Uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number {
    if (!(maxExclusive > min)) throw new RangeError(`empty range [${min}, ${maxExclusive})`)
    return min + Math.floor(this.next() * (maxExclusive - min))
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  bernoulli(p: number): boolean {
    return this.next() < p
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    let u = 0
    while (u === 0) u = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Fisher-Yates, in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1)
      const tmp = items[i]
      items[i] = items[j]
      items[j] = tmp
    }
    return items
  }

  /** k distinct elements drawn without replacement. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length) throw new RangeError(`cannot draw ${k} of ${items.length} without replacement`)
    const copy = items.slice()
    for (let i = 0; i < k; i++) {
      const j = this.int(i, copy.length)
      const tmp = copy[i]
      copy[i] = copy[j]
      copy[j] = tmp
    }
    return copy.slice(0, k)
  }
}
