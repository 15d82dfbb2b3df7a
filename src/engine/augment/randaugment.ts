// K's RandAugmentMC(n=2, m=10) (dataset/randaugment.py, fixmatch_augment_pool), with G's
// magnitudes as an option. Magnitudes: ssl-reference.md section 2.
import type { Rng } from '../../shared/rng'
import { fillRect, rotate, shearX, shearY, translateX, translateY } from './geometry'
import {
  autocontrast,
  brightness,
  color,
  contrast,
  equalize,
  posterize,
  sharpness,
  solarize,
  type Shape
} from './pixel-ops'

export type RandAugmentVariant = 'randaugment-k' | 'randaugment-g'

export const RANDAUGMENT_OPS = [
  'AutoContrast',
  'Brightness',
  'Color',
  'Contrast',
  'Equalize',
  'Identity',
  'Posterize',
  'Rotate',
  'Sharpness',
  'ShearX',
  'ShearY',
  'Solarize',
  'TranslateX',
  'TranslateY'
] as const
export type RandAugmentOp = (typeof RANDAUGMENT_OPS)[number]

type OpFn = (src: Uint8Array, dst: Uint8Array, s: Shape, v: number, rng: Rng) => void

const signed = (rng: Rng, value: number): number => (rng.next() < 0.5 ? -value : value)
/** K: float(v) * max / 10 + bias. */
const kFloat = (v: number, max: number, bias: number): number => (v * max) / 10 + bias
/** K: int(v * max / 10) + bias. */
const kInt = (v: number, max: number, bias: number): number => Math.trunc((v * max) / 10) + bias

const copy: OpFn = (src, dst, s) => dst.set(src.subarray(0, s.height * s.width * s.channels))

const shared: Record<'AutoContrast' | 'Equalize' | 'Identity' | 'Rotate' | 'ShearX' | 'ShearY' | 'Solarize', OpFn> = {
  AutoContrast: (src, dst, s) => autocontrast(src, dst, s),
  Equalize: (src, dst, s) => equalize(src, dst, s),
  Identity: copy,
  Rotate: (src, dst, s, v, rng) => rotate(src, dst, s, signed(rng, kInt(v, 30, 0))),
  ShearX: (src, dst, s, v, rng) => shearX(src, dst, s, signed(rng, kFloat(v, 0.3, 0))),
  ShearY: (src, dst, s, v, rng) => shearY(src, dst, s, signed(rng, kFloat(v, 0.3, 0))),
  Solarize: (src, dst, s, v) => solarize(src, dst, s, 256 - kInt(v, 256, 0))
}

const kEnhance = (v: number): number => kFloat(v, 0.9, 0.05)
const K_OPS: Record<RandAugmentOp, OpFn> = {
  ...shared,
  Brightness: (src, dst, s, v) => brightness(src, dst, s, kEnhance(v)),
  Color: (src, dst, s, v) => color(src, dst, s, kEnhance(v)),
  Contrast: (src, dst, s, v) => contrast(src, dst, s, kEnhance(v)),
  Sharpness: (src, dst, s, v) => sharpness(src, dst, s, kEnhance(v)),
  Posterize: (src, dst, s, v) => posterize(src, dst, s, kInt(v, 4, 4)),
  // K: int(+-0.03 v * size) pixels.
  TranslateX: (src, dst, s, v, rng) => translateX(src, dst, s, Math.trunc(signed(rng, kFloat(v, 0.3, 0)) * s.width)),
  TranslateY: (src, dst, s, v, rng) => translateY(src, dst, s, Math.trunc(signed(rng, kFloat(v, 0.3, 0)) * s.height))
}

// G (third_party/auto_augment): enhance 0.1 + 0.18 level, translate = level px, posterize 4 - int(0.4 level).
const gEnhance = (v: number): number => (v / 10) * 1.8 + 0.1
const G_OPS: Record<RandAugmentOp, OpFn> = {
  ...shared,
  Brightness: (src, dst, s, v) => brightness(src, dst, s, gEnhance(v)),
  Color: (src, dst, s, v) => color(src, dst, s, gEnhance(v)),
  Contrast: (src, dst, s, v) => contrast(src, dst, s, gEnhance(v)),
  Sharpness: (src, dst, s, v) => sharpness(src, dst, s, gEnhance(v)),
  Posterize: (src, dst, s, v) => posterize(src, dst, s, 4 - Math.trunc((v * 4) / 10)),
  TranslateX: (src, dst, s, v, rng) => translateX(src, dst, s, signed(rng, v)),
  TranslateY: (src, dst, s, v, rng) => translateY(src, dst, s, signed(rng, v))
}

/** Apply one op at magnitude v (1..9): for tests and previews. */
export function applyOp(op: RandAugmentOp, src: Uint8Array, dst: Uint8Array, s: Shape, v: number, rng: Rng, variant: RandAugmentVariant = 'randaugment-k'): void {
  ;(variant === 'randaugment-g' ? G_OPS : K_OPS)[op](src, dst, s, v, rng)
}

/** K's CutoutAbs(img, v): a v-pixel gray (127) square at a uniform centre; PIL includes both corners. */
export function cutout(img: Uint8Array, s: Shape, side: number, rng: Rng): void {
  const cx = rng.uniform(0, s.width)
  const cy = rng.uniform(0, s.height)
  cutoutAt(img, s, side, cx, cy)
}

/** CutoutAbs with its centre given. */
export function cutoutAt(img: Uint8Array, s: Shape, side: number, cx: number, cy: number): void {
  const x0 = Math.trunc(Math.max(0, cx - side / 2))
  const y0 = Math.trunc(Math.max(0, cy - side / 2))
  const x1 = Math.trunc(Math.min(s.width, x0 + side))
  const y1 = Math.trunc(Math.min(s.height, y0 + side))
  fillRect(img, s, x0, y0, x1, y1, 127)
}

/**
 * RandAugmentMC on `a` (already weakly augmented): 2 ops with replacement, v ~ U{1..9},
 * each applied with p 0.5, then Cutout of half the side. Uses `b` as scratch; returns the
 * buffer that holds the result.
 */
export function randAugment(a: Uint8Array, b: Uint8Array, s: Shape, rng: Rng, variant: RandAugmentVariant): Uint8Array {
  const ops = variant === 'randaugment-g' ? G_OPS : K_OPS
  const first = RANDAUGMENT_OPS[rng.int(0, RANDAUGMENT_OPS.length)]
  const second = RANDAUGMENT_OPS[rng.int(0, RANDAUGMENT_OPS.length)]
  let src = a
  let dst = b
  for (const op of [first, second]) {
    const v = rng.int(1, 10)
    if (rng.next() < 0.5) {
      ops[op](src, dst, s, v, rng)
      const t = src
      src = dst
      dst = t
    }
  }
  cutout(src, s, Math.trunc(Math.min(s.height, s.width) * 0.5), rng)
  return src
}
