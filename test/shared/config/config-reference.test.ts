// The docs' config reference is generated from the schema and cannot drift: every field
// has a row, every row reads the schema's range and default, and docs/reference/config.md
// holds exactly what the generator writes now.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIG_FIELD_DOCS } from '../../../src/shared/config/config-docs'
import { configFieldRows, withConfigReference } from '../../../src/shared/config/config-reference'
import { ExperimentConfigSchema } from '../../../src/shared/config/experiment-config'
import { presetConfig } from '../../../src/shared/config/presets'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const PAGE = readFileSync(`${ROOT}/docs/reference/config.md`, 'utf8')

/** Every leaf of a parsed config, as dotted paths (optional fields show up once set). */
function leafPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

describe('config reference', () => {
  const rows = configFieldRows()

  it('has one row per schema field, each documented', () => {
    const config = presetConfig('quick-mnist')
    const full = ExperimentConfigSchema.parse({ ...config, dataset: { ...config.dataset, dataDir: '/x' }, ablation: {} })
    expect(rows.map((r) => r.path).sort()).toEqual(leafPaths(full).sort())
    expect(Object.keys(CONFIG_FIELD_DOCS).sort()).toEqual(rows.map((r) => r.path).sort())
    for (const r of rows) expect(r.meaning.length, r.path).toBeGreaterThan(10)
  })

  it('reads ranges and defaults from the schema', () => {
    const row = (path: string) => rows.find((r) => r.path === path)!
    expect(row('algorithm.threshold').range).toBe('number in (0, 1]')
    expect(row('batch.mu').range).toBe('integer in [1, 64]')
    expect(row('steps')).toMatchObject({ range: 'integer >= 1', default: 'required' })
    expect(row('augment.horizontalFlip')).toMatchObject({ range: '`true`, `false`, `null`', default: '`null`' })
    expect(row('dataset.dataDir').default).toBe('optional')
    // Each default the table prints is what the schema fills in for a field left out.
    const parsed = ExperimentConfigSchema.parse({ ...presetConfig('quick-mnist'), checkpointInterval: undefined, backend: undefined })
    expect(row('checkpointInterval').default).toBe(`\`${parsed.checkpointInterval}\``)
    expect(row('backend').default).toBe(`\`"${parsed.backend}"\``)
    expect(row('steps').presets).toContain('`600`')
  })

  it('docs/reference/config.md holds the current table (npm run docs:config rewrites it)', () => {
    expect(withConfigReference(PAGE)).toBe(PAGE)
    expect(() => withConfigReference('no markers')).toThrow(/config-reference markers/)
  })

  it('npm run docs:config -- --check passes on the page as it is', () => {
    const out = execFileSync('npm', ['run', '--silent', 'docs:config', '--', '--check'], { cwd: ROOT, encoding: 'utf8' })
    expect(out).toMatch(/is current/)
  })
})
