// Colour ops on one uint8 HWC image, following PIL's ImageOps and ImageEnhance exactly
// (lookup tables per channel, Image.blend truncation in float32, the SMOOTH kernel).
// Every op writes dst from src; src and dst may be the same buffer unless noted.

export interface Shape {
  height: number
  width: number
  channels: number
}

const lut = new Uint8Array(256 * 4)
const histogram = new Int32Array(256 * 4)
const f32 = Math.fround

function applyLut(src: Uint8Array, dst: Uint8Array, s: Shape, perChannel: boolean): void {
  const n = s.height * s.width * s.channels
  const c = s.channels
  if (!perChannel || c === 1) {
    for (let i = 0; i < n; i++) dst[i] = lut[src[i]]
    return
  }
  for (let i = 0; i < n; i += c) for (let k = 0; k < c; k++) dst[i + k] = lut[(k << 8) | src[i + k]]
}

function channelHistograms(src: Uint8Array, s: Shape): void {
  histogram.fill(0, 0, 256 * s.channels)
  const n = s.height * s.width * s.channels
  for (let i = 0; i < n; i += s.channels) for (let k = 0; k < s.channels; k++) histogram[(k << 8) | src[i + k]]++
}

/** ImageOps.solarize: invert every value >= threshold. */
export function solarize(src: Uint8Array, dst: Uint8Array, s: Shape, threshold: number): void {
  for (let v = 0; v < 256; v++) lut[v] = v < threshold ? v : 255 - v
  applyLut(src, dst, s, false)
}

/** ImageOps.posterize: keep the top `bits` bits. */
export function posterize(src: Uint8Array, dst: Uint8Array, s: Shape, bits: number): void {
  const mask = ~((1 << (8 - bits)) - 1) & 0xff
  for (let v = 0; v < 256; v++) lut[v] = v & mask
  applyLut(src, dst, s, false)
}

/** ImageOps.autocontrast (cutoff 0): stretch each channel's [lo, hi] to [0, 255]. */
export function autocontrast(src: Uint8Array, dst: Uint8Array, s: Shape): void {
  channelHistograms(src, s)
  for (let k = 0; k < s.channels; k++) {
    const base = k << 8
    let lo = 0
    while (lo < 255 && !histogram[base + lo]) lo++
    let hi = 255
    while (hi > 0 && !histogram[base + hi]) hi--
    if (hi <= lo) {
      for (let v = 0; v < 256; v++) lut[base + v] = v
      continue
    }
    const scale = 255 / (hi - lo)
    const offset = -lo * scale
    for (let v = 0; v < 256; v++) {
      const x = Math.trunc(v * scale + offset)
      lut[base + v] = x < 0 ? 0 : x > 255 ? 255 : x
    }
  }
  applyLut(src, dst, s, true)
}

/** ImageOps.equalize: per-channel histogram equalization with PIL's step rule. */
export function equalize(src: Uint8Array, dst: Uint8Array, s: Shape): void {
  channelHistograms(src, s)
  for (let k = 0; k < s.channels; k++) {
    const base = k << 8
    let total = 0
    let last = 0
    let nonzero = 0
    for (let v = 0; v < 256; v++) {
      const h = histogram[base + v]
      if (h) {
        total += h
        last = h
        nonzero++
      }
    }
    // Pillow divides by 255 (ImageOps.equalize), not by the 256 levels.
    const step = Math.floor((total - last) / 255)
    if (nonzero <= 1 || step === 0) {
      for (let v = 0; v < 256; v++) lut[base + v] = v
      continue
    }
    let acc = Math.floor(step / 2)
    for (let v = 0; v < 256; v++) {
      lut[base + v] = Math.min(255, Math.floor(acc / step))
      acc += histogram[base + v]
    }
  }
  applyLut(src, dst, s, true)
}

/** Image.blend(degenerate, image, factor) as PIL computes it: float32, truncated, clipped. */
function blendInto(degenerate: Uint8Array, img: Uint8Array, dst: Uint8Array, n: number, factor: number): void {
  const alpha = f32(factor)
  for (let i = 0; i < n; i++) {
    const a = degenerate[i]
    const t = f32(a + f32(alpha * (img[i] - a)))
    dst[i] = t <= 0 ? 0 : t >= 255 ? 255 : t
  }
}

const degenerateBuf = { data: new Uint8Array(0) }
function degenerateFor(n: number): Uint8Array {
  if (degenerateBuf.data.length < n) degenerateBuf.data = new Uint8Array(n)
  return degenerateBuf.data
}

/** PIL's L conversion: (19595 R + 38470 G + 7471 B + 0x8000) >> 16, i.e. 299/587/114 rounded. */
function luma(img: Uint8Array, i: number): number {
  return (img[i] * 19595 + img[i + 1] * 38470 + img[i + 2] * 7471 + 0x8000) >> 16
}

/** ImageEnhance.Brightness: blend with black. */
export function brightness(src: Uint8Array, dst: Uint8Array, s: Shape, factor: number): void {
  const n = s.height * s.width * s.channels
  blendInto(degenerateFor(n).fill(0, 0, n), src, dst, n, factor)
}

/** ImageEnhance.Color: blend with the grayscale image (identity for one channel). */
export function color(src: Uint8Array, dst: Uint8Array, s: Shape, factor: number): void {
  const n = s.height * s.width * s.channels
  if (s.channels < 3) {
    if (dst !== src) dst.set(src.subarray(0, n))
    return
  }
  const deg = degenerateFor(n)
  for (let i = 0; i < n; i += s.channels) {
    const l = luma(src, i)
    for (let k = 0; k < s.channels; k++) deg[i + k] = l
  }
  blendInto(deg, src, dst, n, factor)
}

/** ImageEnhance.Contrast: blend with a flat image at the rounded mean of the grayscale. */
export function contrast(src: Uint8Array, dst: Uint8Array, s: Shape, factor: number): void {
  const n = s.height * s.width * s.channels
  let sum = 0
  if (s.channels >= 3) for (let i = 0; i < n; i += s.channels) sum += luma(src, i)
  else for (let i = 0; i < n; i += s.channels) sum += src[i]
  const mean = Math.trunc(sum / (s.height * s.width) + 0.5)
  blendInto(degenerateFor(n).fill(mean, 0, n), src, dst, n, factor)
}

// SMOOTH = [1 1 1; 1 5 1; 1 1 1] / 13, applied in float32 with +0.5 rounding; borders copied.
const K1 = f32(1 / 13)
const K5 = f32(5 / 13)

/** ImageEnhance.Sharpness: blend with the SMOOTH-filtered image. */
export function sharpness(src: Uint8Array, dst: Uint8Array, s: Shape, factor: number): void {
  const { height: h, width: w, channels: c } = s
  const n = h * w * c
  const deg = degenerateFor(n)
  deg.set(src.subarray(0, n))
  const row = w * c
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      for (let k = 0; k < c; k++) {
        const i = y * row + x * c + k
        // PIL sums the row below, this row, then the row above, each left to right.
        let ss = f32(0.5)
        ss = f32(ss + f32(f32(f32(src[i + row - c] * K1) + f32(src[i + row] * K1)) + f32(src[i + row + c] * K1)))
        ss = f32(ss + f32(f32(f32(src[i - c] * K1) + f32(src[i] * K5)) + f32(src[i + c] * K1)))
        ss = f32(ss + f32(f32(f32(src[i - row - c] * K1) + f32(src[i - row] * K1)) + f32(src[i - row + c] * K1)))
        deg[i] = ss <= 0 ? 0 : ss >= 255 ? 255 : ss
      }
    }
  }
  blendInto(deg, src, dst, n, factor)
}
