import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appLocationFrom, isAppUrl } from '../../src/main/app-location'

describe('isAppUrl', () => {
  const index = '/opt/Pseudoscope/resources/app/out/renderer/index.html'
  const file = appLocationFrom(undefined, index)

  it("accepts the built index.html (any hash or query) and nothing else on disk", () => {
    const own = pathToFileURL(index).href
    expect(isAppUrl(own, file)).toBe(true)
    expect(isAppUrl(`${own}#/runs?x=1`, file)).toBe(true)
    expect(isAppUrl(pathToFileURL('/opt/Pseudoscope/resources/app/out/renderer/other.html').href, file)).toBe(false)
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, file)).toBe(false)
    expect(isAppUrl(`file://evil-host${pathToFileURL(index).pathname}`, file)).toBe(false)
    expect(isAppUrl('https://example.com/index.html', file)).toBe(false)
    expect(isAppUrl('not a url', file)).toBe(false)
  })

  it('accepts only the dev server origin in development', () => {
    const dev = appLocationFrom('http://localhost:5173/', index)
    expect(dev.kind).toBe('dev')
    expect(isAppUrl('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppUrl(pathToFileURL(index).href, dev)).toBe(false)
  })
})
