// The researcher guide (docs/guide/your-algorithm.md) against the repository: its example is
// added by its own steps only if every file it names exists, every code region it imports is
// there (a missing snippet does not fail the docs build: VitePress prints "not found" instead),
// the registry holds the lines it quotes, the module it imports is registered, its fixture is
// in the golden suite, its commands name real tests, and its sweep spec runs the example.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ALGORITHM_DEFINITIONS } from '../../src/shared/algorithms/registry'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'
import { GOLDEN_FIXTURES } from '../engine/golden/golden-fixture'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const guide = read('docs/guide/your-algorithm.md')

/** `<<< @/../PATH#REGION` lines: VitePress snippet imports from the repository root. */
const imports = [...guide.matchAll(/^<<< @\/\.\.\/(\S+?)(?:#([\w*-]+))?$/gm)].map((m) => ({ path: m[1], region: m[2] }))
/** Fenced blocks of one language. */
const fences = (lang: string) => [...guide.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1])
/** The guide's Step 1 module: the first file it imports from src/shared/algorithms. */
const modulePath = imports.find((i) => i.path.startsWith('src/shared/algorithms/'))?.path ?? ''

describe('the researcher guide matches the repository', () => {
  it('names only files that exist (inline paths and the tests its commands run)', () => {
    const inline = [...guide.matchAll(/`((?:src|test|tools|docs)\/[^`\s]+)`/g)].map((m) => m[1])
    const commands = fences('sh').flatMap((block) => [...block.matchAll(/\b((?:test|tools)\/\S+\.(?:ts|py))/g)].map((m) => m[1]))
    expect(inline.length).toBeGreaterThan(10)
    expect(commands.length).toBeGreaterThan(4)
    expect([...inline, ...commands].filter((path) => !existsSync(join(ROOT, path)))).toEqual([])
  })

  it('imports code that exists, each region marked in its file', () => {
    expect(imports.length).toBeGreaterThanOrEqual(5)
    for (const { path, region } of imports) {
      expect(existsSync(join(ROOT, path)), path).toBe(true)
      if (!region) continue
      const lines = read(path).split('\n').map((line) => line.trim())
      const marker = (end: boolean) => new RegExp(`^(#|//) ?#?${end ? 'end' : ''}region ${region}$`)
      expect(lines.filter((line) => marker(false).test(line)), `${path}#${region}`).toHaveLength(1)
      expect(lines.filter((line) => marker(true).test(line)), `${path}#${region} end`).toHaveLength(1)
    }
  })

  it('imports a module whose definition is registered, by the registry lines it quotes', async () => {
    expect(modulePath).toBe('src/shared/algorithms/emathreshold.ts')
    const module = (await import(join(ROOT, modulePath))) as { definition: (typeof ALGORITHM_DEFINITIONS)[number] }
    expect(ALGORITHM_DEFINITIONS).toContain(module.definition)
    const registry = read('src/shared/algorithms/registry.ts').split('\n')
    const quoted = fences('ts').flatMap((block) => block.split('\n')).filter((line) => line.trim() !== '')
    expect(quoted).toEqual([`import { definition as ${module.definition.name} } from './${module.definition.name}'`, `  ${module.definition.name},`])
    for (const line of quoted) expect(registry, line).toContain(line)
  })

  it("lists the example's golden fixture in the suite, committed", () => {
    const fixture = guide.match(/golden_algorithms\.py --algorithm (\w+)/)?.[1]
    expect(fixture).toBe('emathreshold')
    expect(GOLDEN_FIXTURES).toContain(`small-cnn-${fixture}`)
    for (const ext of ['json', 'bin']) expect(existsSync(join(ROOT, `test/engine/golden/fixtures/small-cnn-${fixture}.${ext}`))).toBe(true)
  })

  it("runs the example beside FixMatch from the sweep spec it shows", () => {
    const spec = fences('json').map((block) => JSON.parse(block) as Record<string, unknown>).find((block) => 'algorithms' in block)
    const runs = expandSweep(parseSweepSpec(spec))
    expect(runs.map((r) => r.config.algorithm.name)).toEqual(['fixmatch', 'emathreshold', 'fixmatch', 'emathreshold', 'fixmatch', 'emathreshold'])
  })

  it('is in the sidebar, and the contributing guide points to it', () => {
    expect(read('docs/.vitepress/config.mts')).toMatch(/link: '\/guide\/your-algorithm'/)
    expect(read('docs/guide/contributing.md')).toMatch(/\]\(\.\/your-algorithm\.md\)/)
  })
})
