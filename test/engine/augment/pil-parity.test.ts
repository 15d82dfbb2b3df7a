// Byte-for-byte parity with Pillow: pil-reference/pil-reference.json holds Pillow's outputs
// for each op on a fixed image (generate.py beside it says how it was made).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rotate, shearX, shearY, translateX, translateY } from '../../../src/engine/augment/geometry'
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
} from '../../../src/engine/augment/pixel-ops'
import { cutoutAt } from '../../../src/engine/augment/randaugment'

interface ReferenceSet {
  width: number
  height: number
  inputs: Record<'RGB' | 'L', string>
  cases: { op: string; mode: 'RGB' | 'L'; param: number | number[] | null; out: string }[]
}

interface Reference {
  pillow: string
  sets: ReferenceSet[]
}

const ref = JSON.parse(readFileSync(join(import.meta.dirname, 'pil-reference', 'pil-reference.json'), 'utf8')) as Reference
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'))

type Op = (src: Uint8Array, dst: Uint8Array, s: Shape, p: number) => void
const OPS: Record<string, Op> = {
  autocontrast: (src, dst, s) => autocontrast(src, dst, s),
  equalize: (src, dst, s) => equalize(src, dst, s),
  brightness,
  color,
  contrast,
  sharpness,
  posterize,
  solarize,
  rotate,
  shearX,
  shearY,
  translateX,
  translateY
}

describe.each(ref.sets.map((set) => [`${set.width}x${set.height}`, set] as const))(`parity with Pillow ${ref.pillow} on %s`, (_size, set) => {
  it.each(set.cases.map((c) => [`${c.op} ${c.mode} ${JSON.stringify(c.param)}`, c] as const))('%s', (_name, c) => {
    const s = { height: set.height, width: set.width, channels: c.mode === 'RGB' ? 3 : 1 }
    const src = bytes(set.inputs[c.mode])
    const expected = bytes(c.out)
    let out: Uint8Array
    if (c.op === 'cutout') {
      const [cx, cy, side] = c.param as number[]
      out = src.slice()
      cutoutAt(out, s, side, cx, cy)
    } else {
      out = new Uint8Array(src.length)
      OPS[c.op](src, out, s, c.param as number)
    }
    const wrong = out.reduce((n, v, i) => n + (v !== expected[i] ? 1 : 0), 0)
    expect(wrong, `${wrong} of ${out.length} bytes differ`).toBe(0)
  })
})
