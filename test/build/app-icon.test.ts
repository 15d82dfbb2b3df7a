// resources/ holds the app icon: electron-builder packs it for every platform and main gives
// it to the window (test/main/wiring.test.ts checks the window's option).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { APP_ICON_FILE, appIconPath } from '../../src/main/app-icon'

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): [number, number] {
  const png = readFileSync(file)
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

describe('the app icon', () => {
  it('is a square PNG of at least 512 pixels, as electron-builder needs for macOS', () => {
    const [width, height] = pngSize(root(APP_ICON_FILE))
    expect(width).toBe(height)
    expect(width).toBeGreaterThanOrEqual(512)
  })

  it('is what electron-builder.yml names for Linux, macOS and Windows, and a packed file', () => {
    const config = readFileSync(root('electron-builder.yml'), 'utf8')
    for (const platform of ['linux', 'mac', 'win']) {
      const block = new RegExp(`^${platform}:\\n((?:  .*\\n)+)`, 'm').exec(config)?.[1] ?? ''
      expect(/^\s+icon:\s*(\S+)/m.exec(block)?.[1], platform).toBe(APP_ICON_FILE)
    }
    expect(config).toMatch(/^files:\n(?:\s+- .*\n)*\s+- resources\/\*\*\n/m)
  })

  it('is found from main both built (out/main) and as source (src/main)', () => {
    expect(appIconPath(root('out/main'))).toBe(root(APP_ICON_FILE))
    expect(appIconPath(root('src/main'))).toBe(root(APP_ICON_FILE))
  })
})
