import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_MISSING, findChromium } from './harness'

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, then /usr/bin/chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath)
    if (existsSync('/usr/bin/chromium')) expect(findChromium({})).toBe('/usr/bin/chromium')
    else expect(() => findChromium({})).toThrowError(CHROMIUM_MISSING)
  })

  it('fails with a one-line instruction when it is missing', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrowError(CHROMIUM_MISSING)
    expect(CHROMIUM_MISSING).toBe('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH')
  })
})
