import { describe, expect, it } from 'vitest'
import { flipPadCrop, rotate, shearX, translateX, translateY } from '../../../src/engine/augment/geometry'
import { applyOp, cutout } from '../../../src/engine/augment/randaugment'
import { Rng } from '../../../src/shared/rng'

const s = { height: 32, width: 32, channels: 3 }
const at = (x: number, y: number) => (y * 32 + x) * 3

function marked(x: number, y: number): Uint8Array {
  const img = new Uint8Array(32 * 32 * 3).fill(1)
  img.set([255, 200, 100], at(x, y))
  return img
}
function findMark(img: Uint8Array): [number, number][] {
  const found: [number, number][] = []
  for (let i = 0; i < img.length; i += 3) if (img[i] === 255) found.push([(i / 3) % 32, Math.floor(i / 96)])
  return found
}

describe('geometry', () => {
  it('translate shifts content by whole pixels, filling with black', () => {
    const dst = new Uint8Array(s.height * s.width * 3)
    translateX(marked(10, 5), dst, s, 3)
    expect(findMark(dst)).toEqual([[7, 5]])
    expect(Array.from(dst.subarray(at(31, 0), at(31, 0) + 3))).toEqual([0, 0, 0])
    translateY(marked(10, 5), dst, s, -4)
    expect(findMark(dst)).toEqual([[10, 9]])
  })

  it("K's TranslateX at v=5 moves int(0.15 * 32) = 4 px one way or the other", () => {
    const dst = new Uint8Array(s.height * s.width * 3)
    const seen = new Set<string>()
    for (let seed = 0; seed < 12; seed++) {
      applyOp('TranslateX', marked(16, 16), dst, s, 5, new Rng(seed))
      seen.add(JSON.stringify(findMark(dst)))
    }
    expect([...seen].sort()).toEqual([JSON.stringify([[12, 16]]), JSON.stringify([[20, 16]])])
  })

  it("G's magnitudes: TranslateX moves v px, Posterize keeps 4 - int(0.4 v) bits", () => {
    const dst = new Uint8Array(s.height * s.width * 3)
    applyOp('TranslateX', marked(16, 16), dst, s, 5, new Rng(0), 'randaugment-g')
    const [[x, y]] = findMark(dst)
    expect([Math.abs(x - 16), y]).toEqual([5, 16])
    const src = new Uint8Array(s.height * s.width * 3).fill(0xff)
    applyOp('Posterize', src, dst, s, 5, new Rng(0), 'randaugment-g')
    expect(dst[0]).toBe(0b11000000)
    applyOp('Posterize', src, dst, s, 5, new Rng(0), 'randaugment-k')
    expect(dst[0]).toBe(0b11111100)
  })

  it('rotate(90) turns counter-clockwise about the centre', () => {
    const dst = new Uint8Array(s.height * s.width * 3)
    // Pixel centre (24.5, 8.5) is (+8.5, -7.5) from (16, 16); a quarter turn left gives (-7.5, -8.5).
    rotate(marked(24, 8), dst, s, 90)
    expect(findMark(dst)).toEqual([[8, 7]])
    rotate(marked(24, 8), dst, s, 0)
    expect(findMark(dst)).toEqual([[24, 8]])
  })

  it('shearX samples x + v y, so lower rows move left', () => {
    const dst = new Uint8Array(s.height * s.width * 3)
    // floor(x + 0.5 + 0.25 * 20.5) = 10 -> x = 5
    shearX(marked(10, 20), dst, s, 0.25)
    expect(findMark(dst)).toEqual([[5, 20]])
  })

  it('flipPadCrop mirrors and reflect-pads without repeating the edge', () => {
    const src = Uint8Array.from({ length: 32 * 32 * 3 }, (_, i) => Math.floor(i / 3) % 32)
    const dst = new Uint8Array(src.length)
    flipPadCrop(src, dst, s, true, 0, 0, 0)
    for (let x = 0; x < 32; x++) expect(dst[at(x, 3)]).toBe(31 - x)
    flipPadCrop(src, dst, s, false, 4, 0, 0)
    expect([0, 1, 2, 3, 4, 5].map((x) => dst[at(x, 0)])).toEqual([4, 3, 2, 1, 0, 1])
    flipPadCrop(src, dst, s, false, 4, 8, 8)
    expect([27, 28, 29, 30, 31].map((x) => dst[at(x, 0)])).toEqual([31, 30, 29, 28, 27])
  })

  it('cutout fills a gray square of half the side, both corners included', () => {
    let sawFull = false
    for (let seed = 0; seed < 40; seed++) {
      const img = new Uint8Array(32 * 32 * 3)
      cutout(img, s, 16, new Rng(seed))
      const xs = new Set<number>()
      const ys = new Set<number>()
      let count = 0
      for (let i = 0; i < img.length; i += 3) {
        if (img[i] !== 127) continue
        expect(img[i + 1]).toBe(127)
        count++
        xs.add((i / 3) % 32)
        ys.add(Math.floor(i / 96))
      }
      expect(count).toBe(xs.size * ys.size) // a filled rectangle
      expect(Math.max(...xs) - Math.min(...xs) + 1).toBe(xs.size)
      expect(xs.size).toBeLessThanOrEqual(17)
      expect(ys.size).toBeLessThanOrEqual(17)
      expect(Math.min(xs.size, ys.size)).toBeGreaterThanOrEqual(8)
      if (xs.size === 17 && ys.size === 17) sawFull = true
    }
    expect(sawFull).toBe(true)
  })
})
