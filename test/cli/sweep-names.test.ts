// Run names are folder names: `npm run sweep` refuses ones too long for a folder and ones that
// differ only in letter case before it creates anything (exit 2, nothing on disk, a retry not
// refused as "not empty"), and --resume refuses a sweep.json whose run name is a path.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'
import { createSweepFolder, sweepPaths } from '../../src/node/sweep/sweep-folder'
import { runSweep, TINY_CONFIG, writeSpec } from './sweep-process'

const made: string[] = []
const tempDir = async (prefix: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))))

/** Every path under dir, for "nothing appeared" checks. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true })
  return entries.map(String).sort()
}

describe('npm run sweep, run names', () => {
  it('refuses a grid value too long for a folder name: exit 2, nothing created, the same answer again', async () => {
    const dir = await tempDir('pseudoscope-sweep-long-')
    const out = join(dir, 'out')
    const spec = await writeSpec(dir, { name: 'long', config: { ...TINY_CONFIG, steps: 2 }, grid: { 'dataset.dataDir': [`/data/${'d'.repeat(300)}`] } })
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await runSweep(['--spec', spec, '--out', out])
      expect(result.status, result.output).toBe(2)
      expect(result.output).toMatch(/^sweep: run name dataDir-data-d+… would be \d+ characters, more than 160 .*grid 'dataset.dataDir' has a value too long for a name/m)
      expect(result.output).not.toMatch(/not empty|ENAMETOOLONG/)
      expect(await tree(dir)).toEqual(['long.spec.json'])
    }
  })

  it('refuses grid values that differ only in letter case: exit 2, nothing created', async () => {
    const dir = await tempDir('pseudoscope-sweep-case-')
    const out = join(dir, 'out')
    await mkdir(out)
    const spec = await writeSpec(dir, { name: 'case', config: { ...TINY_CONFIG, steps: 2 }, grid: { name: ['A', 'a'] } })
    const result = await runSweep(['--spec', spec, '--out', out])
    expect(result.status, result.output).toBe(2)
    expect(result.output).toMatch(/^sweep: runs name-A and name-a differ only in letter case, so they would share one folder on macOS and Windows/m)
    expect(await tree(dir)).toEqual(['case.spec.json', 'out'])
  })

  it('--resume and --cancel refuse a sweep.json whose run is named with a path, and write nothing outside', async () => {
    const root = await tempDir('pseudoscope-sweep-escape-')
    const dir = join(root, 'shared', 'sweep')
    const spec = parseSweepSpec({ name: 'shared', config: { ...TINY_CONFIG, steps: 2 }, grid: { seed: [1] } })
    const [point] = expandSweep(spec)
    await createSweepFolder(dir, spec, [point], { kind: 'local', parallel: 1 }, 1)
    // The hand edit: the run's name walks up, with its config file where that name points.
    const manifest = JSON.parse(await readFile(sweepPaths(dir).manifest, 'utf8'))
    manifest.runs[0].name = '../../escaped-run'
    await writeFile(sweepPaths(dir).manifest, JSON.stringify(manifest))
    await writeFile(join(dir, '..', 'escaped-run.json'), JSON.stringify(point.config))
    const before = await tree(root)

    const result = await runSweep(['--resume', dir])
    expect(result.status, result.output).toBe(2)
    expect(result.output).toMatch(/^sweep: --resume: .*sweep\.json is not a sweep manifest \(runs\.0\.name: a run name may hold letters, digits/m)
    expect(await tree(root)).toEqual(before)

    // --cancel reads the same file: refused the same way, exit 2 (the user's input is at fault).
    const cancelled = await runSweep(['--cancel', dir])
    expect(cancelled.status, cancelled.output).toBe(2)
    expect(cancelled.output).toMatch(/^sweep: --cancel: .*runs\.0\.name: a run name may hold letters, digits/m)
    expect(await tree(root)).toEqual(before)
  })
})
