import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateManifest, parseManifest } from '../../../src/node/session/manifest-file'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { readManifest, readSampleSnapshot, readSessionFolder } from '../../../src/node/session/session-reader'
import { AppError } from '../../../src/shared/errors'
import { SESSION_SCHEMA_VERSION } from '../../../src/shared/sessions'
import { config, evalRecord, folderBytes, sampleState, stepRecord, tempRoot } from './fixtures'

const tmp = tempRoot('reader-')
afterAll(tmp.cleanup)
let n = 0

/** A finished session with 3 steps, one eval and one snapshot. */
async function session(): Promise<string> {
  const dir = tmp.dir(`s${n++}`)
  const w = await SessionWriter.create(dir, { name: 'r', config, versions: {}, now: 5 })
  await w.beginSegment(0, null)
  w.appendMetrics([stepRecord(1), stepRecord(2), stepRecord(3)])
  await w.appendEval(evalRecord(3))
  await w.writeSampleSnapshot(sampleState(3))
  await w.endSegment(3, 'finished')
  await w.close()
  return dir
}

async function refusal(dir: string): Promise<AppError> {
  const before = folderBytes(dir)
  const error = await readSessionFolder(dir).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect(folderBytes(dir)).toEqual(before)
  return error as AppError
}

const editManifest = (dir: string, edit: (m: Record<string, unknown>) => unknown): void => {
  const path = join(dir, 'session.json')
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')))))
}

describe('readSessionFolder', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await session()
  })

  it('tolerates a torn last line in every log', async () => {
    const d = await session()
    for (const f of ['metrics.jsonl', 'evals.jsonl']) writeFileSync(join(d, f), readFileSync(join(d, f), 'utf8') + '{"step":')
    const s = await readSessionFolder(d)
    expect(s.metrics.map((m) => m.step)).toEqual([1, 2, 3])
    expect(s.evals).toHaveLength(1)
    expect(s.warnings).toHaveLength(2)
  })

  it('refuses a corrupt middle line, naming the file and line', async () => {
    const d = await session()
    const lines = readFileSync(join(d, 'metrics.jsonl'), 'utf8').split('\n')
    lines[1] = lines[1].slice(0, 40)
    writeFileSync(join(d, 'metrics.jsonl'), lines.join('\n'))
    const e = await refusal(d)
    expect(e.code).toBe('session-corrupt')
    expect(e.message).toMatch(/metrics\.jsonl line 2/)
  })

  it('refuses a record of the wrong shape in the middle', async () => {
    const d = await session()
    const lines = readFileSync(join(d, 'metrics.jsonl'), 'utf8').split('\n')
    lines[0] = JSON.stringify({ ...stepRecord(1), classPseudo: 'x' })
    writeFileSync(join(d, 'metrics.jsonl'), lines.join('\n'))
    expect((await refusal(d)).message).toMatch(/line 1 is damaged: classPseudo/)
  })

  it('refuses a corrupt session.json and leaves the folder byte-identical', async () => {
    const d = await session()
    writeFileSync(join(d, 'session.json'), '{"schemaVersion": 1, "app": "pseudo')
    const e = await refusal(d)
    expect(e.code).toBe('session-corrupt')
    expect(e.message).toMatch(/session\.json is not valid JSON/)
    expect(e.details).toEqual({ path: join(d, 'session.json') })
  })

  it('refuses folders that are not Pseudoscope sessions', async () => {
    const plain = tmp.dir('plain')
    mkdirSync(plain)
    writeFileSync(join(plain, 'x.txt'), 'x')
    expect((await refusal(plain)).message).toMatch(/not a Pseudoscope session: it has no session\.json/)
    const other = await session()
    editManifest(other, (m) => ({ ...m, app: 'tensorboard' }))
    expect((await refusal(other)).code).toBe('session-corrupt')
    const invalid = await session()
    editManifest(invalid, (m) => ({ ...m, segments: 'none' }))
    expect((await refusal(invalid)).message).toMatch(/segments/)
    await expect(readSessionFolder(tmp.dir('missing'))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses a newer schema with a clear message', async () => {
    const d = await session()
    editManifest(d, (m) => ({ ...m, schemaVersion: SESSION_SCHEMA_VERSION + 1 }))
    const e = await refusal(d)
    expect(e.code).toBe('session-unsupported-version')
    expect(e.message).toContain(
      `written by a newer Pseudoscope (schema ${SESSION_SCHEMA_VERSION + 1}); this version reads up to ${SESSION_SCHEMA_VERSION}`
    )
  })

  it('refuses an older schema that has no migration', async () => {
    const d = await session()
    editManifest(d, (m) => ({ ...m, schemaVersion: 0 }))
    const e = await refusal(d)
    expect(e.code).toBe('session-unsupported-version')
    expect(e.message).toMatch(/older Pseudoscope \(schema 0\).*no migration from schema 0 to 1/)
  })

  it('migrates an older schema through the migrations table', async () => {
    const current = JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) as Record<string, unknown>
    // A fake schema 0 that called the name "title".
    const { name, ...rest } = current
    const old = { ...rest, schemaVersion: 0, title: name }
    const migrations = { 0: ({ title, ...m }: Record<string, unknown>) => ({ ...m, name: title }) }
    const migrated = parseManifest(JSON.stringify(old), 'session.json', migrations)
    expect(migrated.name).toBe('r')
    expect(migrated.schemaVersion).toBe(SESSION_SCHEMA_VERSION)
    expect(() => migrateManifest({ schemaVersion: 'one' }, 'p')).toThrow(/schemaVersion/)
  })

  it('replaces an invalid ui.json by the default view with a warning', async () => {
    const d = await session()
    writeFileSync(join(d, 'ui.json'), JSON.stringify({ chart: { smoothing: 5 } }))
    const s = await readSessionFolder(d)
    expect(s.ui).toEqual({})
    expect(s.warnings).toEqual([expect.stringMatching(/ui\.json is invalid \(chart\.smoothing/)])
    writeFileSync(join(d, 'ui.json'), '{')
    expect((await readSessionFolder(d)).warnings).toEqual([expect.stringMatching(/not valid JSON/)])
  })

  it('reads a diverged (NaN) loss back as NaN', async () => {
    const d = tmp.dir('nan')
    const w = await SessionWriter.create(d, { name: 'nan', config, versions: {} })
    w.appendMetrics([{ ...stepRecord(1), loss: Number.NaN, lossU: Infinity }])
    await w.close()
    const [m] = (await readSessionFolder(d)).metrics
    expect(m.loss).toBeNaN()
    expect(m.lossU).toBeNaN()
    expect(m.lossX).toBe(stepRecord(1).lossX)
  })

  it('readManifest checks without touching anything', async () => {
    const before = folderBytes(dir)
    expect((await readManifest(dir)).name).toBe('r')
    expect(folderBytes(dir)).toEqual(before)
  })
})

describe('readSampleSnapshot', () => {
  it('reads the latest or a given step; unknown steps are not-found', async () => {
    const d = await session()
    expect(await readSampleSnapshot(d, null)).toEqual(sampleState(3))
    await expect(readSampleSnapshot(d, 4)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/step 4 \(it has 3\)/) })
    const empty = tmp.dir('nosnap')
    await (await SessionWriter.create(empty, { name: 'e', config, versions: {} })).close()
    await expect(readSampleSnapshot(empty, null)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses a damaged or mismatched field file', async () => {
    const d = await session()
    const file = join(d, 'samples', '3', 'flips.npy')
    writeFileSync(file, readFileSync(file).subarray(0, 130))
    await expect(readSampleSnapshot(d, 3)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('flips.npy') })
    const d2 = await session()
    writeFileSync(join(d2, 'samples', '3', 'confidence.npy'), readFileSync(join(d2, 'samples', '3', 'flips.npy')))
    await expect(readSampleSnapshot(d2, 3)).rejects.toMatchObject({ message: expect.stringMatching(/expected a 1-D float32/) })
  })
})
