// The docs build is the site's link checker: a copy of docs/ builds as it is, and the same copy
// with one page linking to a page that does not exist fails, naming the link. So a page moved
// or renamed without its links fails `npm run docs:build` (and CI) instead of shipping a 404.
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const VITEPRESS = join(ROOT, 'node_modules', 'vitepress', 'bin', 'vitepress.js')

// Inside the checkout (.tmp/ is ignored) so the copy's config resolves vitepress from node_modules.
mkdirSync(join(ROOT, '.tmp'), { recursive: true })
const work = mkdtempSync(join(ROOT, '.tmp', 'docs-dead-link-'))
const site = join(work, 'docs')
cpSync(join(ROOT, 'docs'), site, {
  recursive: true,
  filter: (path) => !/[\\/]\.vitepress[\\/](dist|cache)([\\/]|$)/.test(path)
})
// What the pages include from outside docs/ (@include, <<< code imports), where they look for it.
cpSync(join(ROOT, 'SECURITY.md'), join(work, 'SECURITY.md'))
for (const dir of ['src', 'tools']) symlinkSync(join(ROOT, dir), join(work, dir), 'dir')

function build(): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [VITEPRESS, 'build', site], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('docs build', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('builds the docs as they are, and fails on a deliberately broken link', () => {
    const clean = build()
    expect(clean.output).toMatch(/build complete/)
    expect(clean.status).toBe(0)

    appendFileSync(join(site, 'guide', 'concepts.md'), '\nSee [the missing page](./no-such-page).\n')
    const broken = build()
    expect(broken.status).not.toBe(0)
    expect(broken.output).toMatch(/dead link/i)
    expect(broken.output).toMatch(/no-such-page/)
    expect(broken.output).toMatch(/guide[\\/]concepts/)
  }, 240_000)
})
