// A sweep folder's run names are folder names: read back, two that share a folder (differ
// only in case) or an index out of place are refused; a failed create leaves nothing behind.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { createSweepFolder, readSweepManifest, sweepPaths } from '../../../src/node/sweep/sweep-folder'

const spec = parseSweepSpec({ name: 's', config: { steps: 2 }, grid: { seed: [1, 2] } })
const made: string[] = []
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))))

async function sweepWith(edit: (runs: { name: string; index: number }[]) => void): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'sweep-folder-'))
  made.push(root)
  const dir = join(root, 'sweep')
  await createSweepFolder(dir, spec, expandSweep(spec), { kind: 'local', parallel: 1 }, 1)
  const manifest = JSON.parse(await readFile(sweepPaths(dir).manifest, 'utf8'))
  edit(manifest.runs)
  await writeFile(sweepPaths(dir).manifest, JSON.stringify(manifest))
  return dir
}

describe('readSweepManifest', () => {
  it('reads what createSweepFolder wrote', async () => {
    const dir = await sweepWith(() => undefined)
    expect((await readSweepManifest(dir)).runs.map((r) => r.name)).toEqual(['seed-1', 'seed-2'])
  })

  it('refuses run names that share a folder, and indices out of place', async () => {
    const clash = await sweepWith((runs) => (runs[1].name = 'SEED-1'))
    await expect(readSweepManifest(clash)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringMatching(/runs seed-1 and SEED-1 would share one folder$/) })
    const moved = await sweepWith((runs) => (runs[0].index = 1))
    await expect(readSweepManifest(moved)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringMatching(/run seed-1 has index 1 in place 0$/) })
  })

  it('refuses a run name that is a path', async () => {
    const dir = await sweepWith((runs) => (runs[0].name = '../../escaped-run'))
    await expect(readSweepManifest(dir)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('(runs.0.name: a run name may hold') })
  })
})

describe('createSweepFolder', () => {
  it('removes what it created when a write fails, so a retry finds the folder as it was', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sweep-folder-'))
    made.push(root)
    const dir = join(root, 'sweep')
    // The second config file cannot be written (its name is too long): the first must go too.
    const points = expandSweep(spec)
    const failing = [points[0], { ...points[1], name: 'x'.repeat(300) }]
    await expect(createSweepFolder(dir, spec, failing, { kind: 'local', parallel: 1 }, 1)).rejects.toThrow(/ENAMETOOLONG/)
    expect(await readdir(root)).toEqual([])
  })
})
