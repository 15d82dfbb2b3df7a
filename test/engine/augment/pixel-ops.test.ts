import { describe, expect, it } from 'vitest'
import {
  autocontrast,
  brightness,
  color,
  contrast,
  equalize,
  posterize,
  sharpness,
  solarize
} from '../../../src/engine/augment/pixel-ops'

const gray = (w: number, h: number) => ({ height: h, width: w, channels: 1 })
const rgb = (w: number, h: number) => ({ height: h, width: w, channels: 3 })

describe('LUT ops', () => {
  it('solarize inverts only values >= threshold', () => {
    const src = Uint8Array.from([0, 100, 200, 230, 231, 255])
    const dst = new Uint8Array(6)
    solarize(src, dst, gray(6, 1), 231)
    expect(Array.from(dst)).toEqual([0, 100, 200, 230, 24, 0])
  })

  it('posterize keeps the top bits', () => {
    const src = Uint8Array.from([0, 15, 16, 255, 0b10101010])
    const dst = new Uint8Array(5)
    posterize(src, dst, gray(5, 1), 4)
    expect(Array.from(dst)).toEqual([0, 0, 16, 240, 0b10100000])
  })

  it('autocontrast stretches each channel to 0..255 on its own', () => {
    const src = Uint8Array.from([100, 10, 7, 150, 20, 7, 125, 15, 7])
    const dst = new Uint8Array(9)
    autocontrast(src, dst, rgb(3, 1))
    expect(Array.from(dst)).toEqual([0, 0, 7, 255, 255, 7, 127, 127, 7])
  })

  it('equalize spreads a narrow ramp over the full range, keeping order', () => {
    // PIL's step is (pixels - count of the top value) // 256, so the image must be big enough.
    const src = Uint8Array.from({ length: 1024 }, (_, i) => 100 + (i % 64))
    const dst = new Uint8Array(1024)
    equalize(src, dst, gray(32, 32))
    expect(Math.min(...dst)).toBe(0)
    expect(Math.max(...dst)).toBeGreaterThan(240)
    // Strictly increasing until PIL's table runs past 255 and is clipped.
    for (let i = 1; i < 64; i++) expect(dst[i] > dst[i - 1] || dst[i] === 255).toBe(true)
    // Too few pixels for a step, or a single value: left alone.
    equalize(src.subarray(0, 256), dst, gray(16, 16))
    expect(Array.from(dst.subarray(0, 256))).toEqual(Array.from(src.subarray(0, 256)))
    const flat = new Uint8Array(4).fill(9)
    equalize(flat, dst, gray(2, 2))
    expect(Array.from(dst.subarray(0, 4))).toEqual([9, 9, 9, 9])
  })
})

describe('ImageEnhance ops', () => {
  it('brightness scales towards black with truncation', () => {
    const dst = new Uint8Array(3)
    brightness(Uint8Array.from([201, 10, 255]), dst, gray(3, 1), 0.5)
    expect(Array.from(dst)).toEqual([100, 5, 127])
  })

  it('color 0 gives PIL luma on every channel; one channel is left as is', () => {
    const dst = new Uint8Array(6)
    color(Uint8Array.from([255, 0, 0, 10, 200, 30]), dst, rgb(2, 1), 0)
    const l1 = Math.round((255 * 299) / 1000)
    const l2 = Math.round((10 * 299 + 200 * 587 + 30 * 114) / 1000)
    expect(Array.from(dst)).toEqual([l1, l1, l1, l2, l2, l2])
    const g = new Uint8Array(2)
    color(Uint8Array.from([3, 250]), g, gray(2, 1), 0)
    expect(Array.from(g)).toEqual([3, 250])
  })

  it('contrast blends with the rounded mean gray', () => {
    const dst = new Uint8Array(4)
    contrast(Uint8Array.from([0, 0, 100, 101]), dst, gray(4, 1), 0)
    expect(Array.from(dst)).toEqual([50, 50, 50, 50])
    contrast(Uint8Array.from([0, 0, 100, 101]), dst, gray(4, 1), 0.5)
    expect(Array.from(dst)).toEqual([25, 25, 75, 75])
  })

  it('sharpness 0 is the SMOOTH filter, leaving the border; 1 is the identity', () => {
    const src = new Uint8Array(25)
    src[12] = 130
    const dst = new Uint8Array(25)
    sharpness(src, dst, gray(5, 5), 0)
    expect(dst[12]).toBe(50) // 130 * 5 / 13
    expect(dst[6]).toBe(10) // 130 / 13
    expect(dst[0]).toBe(0)
    const border = new Uint8Array(9).fill(200)
    border[4] = 0
    sharpness(border, dst, gray(3, 3), 0)
    expect(dst[4]).toBe(Math.round((8 * 200) / 13))
    expect(Array.from(dst.subarray(0, 4))).toEqual([200, 200, 200, 200])
    sharpness(src, dst, gray(5, 5), 1)
    expect(Array.from(dst)).toEqual(Array.from(src))
  })
})
