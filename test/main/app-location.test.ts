import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appLocationFrom, isAppUrl } from '../../src/main/app-location'

describe('isAppUrl', () => {
  const dir = '/opt/Pseudoscope/resources/app/out/renderer'
  const built = appLocationFrom(undefined, dir)

  it('serves the built renderer as pseudoscope://app/index.html and accepts only that page', () => {
    expect(built).toEqual({ kind: 'app', rendererDir: dir, url: 'pseudoscope://app/index.html' })
    expect(isAppUrl('pseudoscope://app/index.html', built)).toBe(true)
    expect(isAppUrl('pseudoscope://app/index.html#/runs?x=1', built)).toBe(true)
    expect(isAppUrl('pseudoscope://app/other.html', built)).toBe(false)
    expect(isAppUrl('pseudoscope://dataset/mnist/train/0.png', built)).toBe(false)
    expect(isAppUrl(pathToFileURL(`${dir}/index.html`).href, built)).toBe(false)
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, built)).toBe(false)
    expect(isAppUrl('https://app/index.html', built)).toBe(false)
    expect(isAppUrl('not a url', built)).toBe(false)
  })

  it('accepts only the dev server origin in development', () => {
    const dev = appLocationFrom('http://localhost:5173/', dir)
    expect(dev.kind).toBe('dev')
    expect(isAppUrl('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('pseudoscope://app/index.html', dev)).toBe(false)
  })
})
