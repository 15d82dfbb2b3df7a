// Geometric ops on one uint8 HWC image. The affine ops follow PIL's Image.transform with
// NEAREST: the matrix maps output pixel centres to input coordinates, outside -> fill 0.
// src and dst must be different buffers here.
import type { Shape } from './pixel-ops'

/** Pillow's FIX(): 16.16 fixed point, rounded. */
const fix = (v: number): number => Math.floor(v * 65536 + 0.5) | 0

/**
 * out(x, y) = in(floor(a (x+.5) + b (y+.5) + c), floor(d (x+.5) + e (y+.5) + f)), else 0.
 * Like Pillow: pure translations/scalings in doubles (ImagingScaleAffine), everything else in
 * 16.16 fixed point accumulated per pixel (affine_fixed), so edge pixels round the same way.
 */
export function affine(src: Uint8Array, dst: Uint8Array, s: Shape, m: readonly number[]): void {
  const { height: h, width: w, channels: ch } = s
  const [a, b, c, d, e, f] = m
  const fixed = b !== 0 || d !== 0
  const a0 = fix(a)
  const a1 = fix(b)
  const a3 = fix(d)
  const a4 = fix(e)
  let rowX = fix(c + a * 0.5 + b * 0.5)
  let rowY = fix(f + d * 0.5 + e * 0.5)
  let o = 0
  for (let y = 0; y < h; y++) {
    let xx = rowX
    let yy = rowY
    for (let x = 0; x < w; x++) {
      const xi = fixed ? xx >> 16 : Math.floor(a * (x + 0.5) + c)
      const yi = fixed ? yy >> 16 : Math.floor(e * (y + 0.5) + f)
      if (xi >= 0 && xi < w && yi >= 0 && yi < h) {
        const i = (yi * w + xi) * ch
        for (let k = 0; k < ch; k++) dst[o + k] = src[i + k]
      } else {
        for (let k = 0; k < ch; k++) dst[o + k] = 0
      }
      o += ch
      xx = (xx + a0) | 0
      yy = (yy + a3) | 0
    }
    rowX = (rowX + a1) | 0
    rowY = (rowY + a4) | 0
  }
}

const round15 = (v: number): number => Math.round(v * 1e15) / 1e15

/** PIL Image.rotate(degrees): counter-clockwise about the centre, same size, black fill. */
export function rotate(src: Uint8Array, dst: Uint8Array, s: Shape, degrees: number): void {
  const angle = (-degrees * Math.PI) / 180
  const a = round15(Math.cos(angle))
  const b = round15(Math.sin(angle))
  const d = -b
  const e = a
  const cx = s.width / 2
  const cy = s.height / 2
  affine(src, dst, s, [a, b, a * -cx + b * -cy + cx, d, e, d * -cx + e * -cy + cy])
}

export const shearX = (src: Uint8Array, dst: Uint8Array, s: Shape, v: number): void => affine(src, dst, s, [1, v, 0, 0, 1, 0])
export const shearY = (src: Uint8Array, dst: Uint8Array, s: Shape, v: number): void => affine(src, dst, s, [1, 0, 0, v, 1, 0])
/** K's TranslateX: the affine offset is +px, so content moves px pixels to the left. */
export const translateX = (src: Uint8Array, dst: Uint8Array, s: Shape, px: number): void => affine(src, dst, s, [1, 0, px, 0, 1, 0])
export const translateY = (src: Uint8Array, dst: Uint8Array, s: Shape, px: number): void => affine(src, dst, s, [1, 0, 0, 0, 1, px])

/**
 * The weak transform in one pass: optional horizontal flip, then reflect-pad by `pad`
 * (numpy/torchvision 'reflect': the edge is not repeated) and crop back at (top, left).
 */
let columns = new Int32Array(64)

export function flipPadCrop(src: Uint8Array, dst: Uint8Array, s: Shape, flip: boolean, pad: number, top: number, left: number): void {
  const { height: h, width: w, channels: ch } = s
  if (columns.length < w) columns = new Int32Array(w)
  // Source byte offset of each output column, computed once per image.
  for (let x = 0; x < w; x++) {
    let col = x + left - pad
    if (col < 0) col = -col
    else if (col >= w) col = 2 * w - 2 - col
    columns[x] = (flip ? w - 1 - col : col) * ch
  }
  let o = 0
  for (let y = 0; y < h; y++) {
    let r = y + top - pad
    if (r < 0) r = -r
    else if (r >= h) r = 2 * h - 2 - r
    const row = r * w * ch
    if (ch === 3) {
      for (let x = 0; x < w; x++, o += 3) {
        const i = row + columns[x]
        dst[o] = src[i]
        dst[o + 1] = src[i + 1]
        dst[o + 2] = src[i + 2]
      }
    } else {
      for (let x = 0; x < w; x++) {
        const i = row + columns[x]
        for (let k = 0; k < ch; k++) dst[o++] = src[i + k]
      }
    }
  }
}

/** PIL ImageDraw.rectangle((x0, y0, x1, y1), fill) in place: both corners included, clipped. */
export function fillRect(img: Uint8Array, s: Shape, x0: number, y0: number, x1: number, y1: number, value: number): void {
  const xe = Math.min(x1, s.width - 1)
  const ye = Math.min(y1, s.height - 1)
  for (let y = Math.max(0, y0); y <= ye; y++) {
    const start = (y * s.width + Math.max(0, x0)) * s.channels
    const end = (y * s.width + xe + 1) * s.channels
    if (end > start) img.fill(value, start, end)
  }
}
