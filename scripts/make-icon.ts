// Draws resources/icon.png (512 x 512, RGBA): a lens over a 3 x 3 grid of sample tiles,
// most confirmed (green), one wrong (red), one unsure (amber): the pseudo-label browser.
// No image tools needed: shapes are signed distances, 4 x 4 supersampled, PNG written with
// node:zlib. Run: node --import tsx scripts/make-icon.ts
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SS = 4
type RGB = [number, number, number]

const roundedBox = (x: number, y: number, cx: number, cy: number, half: number, r: number): number => {
  const qx = Math.abs(x - cx) - half + r
  const qy = Math.abs(y - cy) - half + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}
const segment = (x: number, y: number, ax: number, ay: number, bx: number, by: number): number => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay]
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - dx * h, py - dy * h)
}

const LENS = { x: 226, y: 226, r: 150, ring: 30 }
const TILE = 52
const GAP = 12
const TILE_COLORS: RGB[] = [
  [63, 185, 80], [63, 185, 80], [63, 185, 80],
  [63, 185, 80], [248, 81, 73], [63, 185, 80],
  [63, 185, 80], [63, 185, 80], [227, 179, 65]
]

/** The colour at a point, or null outside the icon. */
function shade(x: number, y: number): RGB | null {
  if (roundedBox(x, y, SIZE / 2, SIZE / 2, SIZE / 2 - 8, 104) > 0) return null
  const t = (x + y) / (2 * SIZE)
  let color: RGB = [22 + 25 * t, 50 + 45 * t, 110 + 90 * t]
  const d = Math.hypot(x - LENS.x, y - LENS.y)
  if (d < LENS.r - LENS.ring / 2) {
    color = [236, 242, 252]
    for (let i = 0; i < 9; i++) {
      const cx = LENS.x + ((i % 3) - 1) * (TILE + GAP)
      const cy = LENS.y + (Math.floor(i / 3) - 1) * (TILE + GAP)
      if (roundedBox(x, y, cx, cy, TILE / 2, 9) <= 0) color = TILE_COLORS[i]
    }
  }
  const handle = segment(x, y, LENS.x + 118, LENS.y + 118, 424, 424) <= 27
  if (Math.abs(d - LENS.r) <= LENS.ring / 2 || handle) color = [255, 255, 255]
  return color
}

const rgba = Buffer.alloc(SIZE * SIZE * 4)
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let [r, g, b, a] = [0, 0, 0, 0]
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
        if (!c) continue
        r += c[0]
        g += c[1]
        b += c[2]
        a++
      }
    }
    const o = (py * SIZE + px) * 4
    if (a > 0) [rgba[o], rgba[o + 1], rgba[o + 2]] = [r / a, g / a, b / a].map(Math.round)
    rgba[o + 3] = Math.round((255 * a) / (SS * SS))
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}
const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
const out = join(import.meta.dirname, '..', 'resources', 'icon.png')
writeFileSync(out, png)
console.log(`${out}: ${SIZE} x ${SIZE}, ${png.length} bytes`)
