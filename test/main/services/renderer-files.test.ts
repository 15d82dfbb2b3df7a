// The renderer's own files over pseudoscope://app/: regular files below its folder only.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RendererFiles } from '../../../src/main/services/renderer-files'

const root = mkdtempSync(join(tmpdir(), 'renderer-files-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const dir = join(root, 'renderer')
mkdirSync(join(dir, 'assets'), { recursive: true })
writeFileSync(join(dir, 'index.html'), '<!doctype html>')
writeFileSync(join(dir, 'assets', 'app.js'), 'export {}')
writeFileSync(join(root, 'secret.js'), 'secret')
symlinkSync(join(root, 'secret.js'), join(dir, 'assets', 'link.js'))
mkdirSync(join(dir, 'folder.js'))
const files = new RendererFiles(dir, "default-src 'self'")

describe('RendererFiles', () => {
  it('serves its files with their type and the CSP', async () => {
    const js = await files.serve('/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('content-security-policy')).toBe("default-src 'self'")
    expect(await js.text()).toBe('export {}')
  })

  it.each(['/assets/link.js', '/../secret.js', '/assets/../../secret.js', '/folder.js', '/index.txt', '/assets//app.js', '/%2e%2e/secret.js'])(
    'answers 404 for %s',
    async (path) => {
      const answer = await files.serve(path)
      expect(answer.status).toBe(404)
      expect(await answer.text()).toBe('not found')
    }
  )
})
