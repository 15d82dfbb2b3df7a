// `npm run experiment -- --resume DIR` on a session folder someone else wrote (SECURITY.md):
// symlinked samples/ and sweeps/, FIFOs in the checkpoint, a model.json naming a file outside
// it. Each is refused at once with exit 2 and changes nothing, inside the folder or outside.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { mkfifo, releaseFifos } from '../main/helpers/hostile-folders'
import { folderBytes } from '../node/session/fixtures'
import { runCli, startCli, tinyRun, type CliResult, type CliRun } from './cli-process'

const root = mkdtempSync(join(tmpdir(), 'pseudoscope-resume-untrusted-'))
const base = join(root, 'base')
let copies = 0

beforeAll(async () => {
  const made = await runCli(tinyRun(base, 2))
  expect(made.code, made.stderr).toBe(0)
}, 60_000)
afterAll(releaseFifos)

/** A fresh copy of the finished 2-step session (checkpoint at step 2). */
function copySession(): string {
  const dir = join(root, `session-${++copies}`)
  cpSync(base, dir, { recursive: true })
  return dir
}

/** The run's result, or a failure naming the hang: a killed child never holds the suite. */
async function bounded(run: CliRun, ms: number): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)))
  const result = await Promise.race([run.done, late])
  clearTimeout(timer)
  if (result === 'hung') {
    run.child.kill('SIGKILL')
    releaseFifos()
    throw new Error(`the CLI did not end within ${ms} ms: ${run.child.spawnfile}`)
  }
  return result
}

const resume = (dir: string, steps = 4): Promise<CliResult> => bounded(startCli(['--resume', dir, '--steps', String(steps)]), 30_000)

/** Refused with exit 2 before training: one line naming what and why, the folder as it was. */
function expectRefused(r: CliResult, dir: string, before: Map<string, string>, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2)
  expect(r.stderr).toMatch(message)
  expect(r.stderr).toMatch(/\[session-corrupt\]$/m)
  expect(r.stdout).not.toMatch(/Resuming/)
  expect(existsSync(join(dir, 'session.lock'))).toBe(false)
  expect(folderBytes(dir)).toEqual(before)
}

describe('--resume of a session folder written elsewhere', () => {
  it('refuses symlinked samples/ and sweeps/, deleting and writing nothing in their targets', async () => {
    const dir = copySession()
    const outside = join(root, 'outside-1')
    mkdirSync(outside)
    renameSync(join(dir, 'samples'), join(outside, 'samples'))
    renameSync(join(dir, 'sweeps'), join(outside, 'sweeps'))
    // Numeric entries past the checkpoint: a resume deletes such steps in a session of its own.
    mkdirSync(join(outside, 'sweeps', '9', 'ema'), { recursive: true })
    writeFileSync(join(outside, 'sweeps', '9', 'ema', 'keep.txt'), 'precious\n')
    symlinkSync(join(outside, 'samples'), join(dir, 'samples'))
    symlinkSync(join(outside, 'sweeps'), join(dir, 'sweeps'))
    const outsideBefore = folderBytes(outside)
    const listing = readdirSync(join(outside, 'sweeps')).sort()
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    const manifest = readFileSync(join(dir, 'session.json'), 'utf8')

    const r = await resume(dir)
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toMatch(/samples must be a real folder, but is a symlink/)
    expect(r.stdout).not.toMatch(/Resuming/)
    expect(readdirSync(join(outside, 'sweeps')).sort()).toEqual(listing)
    expect(folderBytes(outside)).toEqual(outsideBefore)
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8')).toBe(metrics)
    expect(readFileSync(join(dir, 'session.json'), 'utf8')).toBe(manifest)
    expect(existsSync(join(dir, 'session.lock'))).toBe(false)
  }, 60_000)

  it.each(['weights.bin', 'model.json', 'state.json'])('refuses a FIFO as checkpoint/%s at once, lock released', async (file) => {
    const dir = copySession()
    mkfifo(join(dir, 'checkpoint', file))
    const before = folderBytes(join(dir, 'samples'))
    const r = await resume(dir)
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toContain(`${join(dir, 'checkpoint', file)} must be a`)
    expect(r.stderr).toContain('but is a special file (FIFO, device or socket)')
    expect(r.stdout).not.toMatch(/Resuming/)
    expect(existsSync(join(dir, 'session.lock'))).toBe(false)
    expect(folderBytes(join(dir, 'samples'))).toEqual(before)
  }, 60_000)

  it("refuses a model.json whose weight paths leave the checkpoint folder, and reads nothing there", async () => {
    const dir = copySession()
    const outside = join(root, 'outside.bin')
    // The right size, so only the path rule can refuse it.
    cpSync(join(dir, 'checkpoint', 'weights.bin'), outside)
    const modelPath = join(dir, 'checkpoint', 'model.json')
    const model = JSON.parse(readFileSync(modelPath, 'utf8')) as { weightsManifest: { paths: string[] }[] }
    model.weightsManifest[0].paths = ['../../outside.bin']
    writeFileSync(modelPath, JSON.stringify(model))
    const before = folderBytes(dir)
    expectRefused(await resume(dir), dir, before, /model\.json is damaged: weight file '\.\.\/\.\.\/outside\.bin' is not a file name inside the checkpoint folder/)
  }, 60_000)

  it('refuses a symlinked checkpoint folder', async () => {
    const dir = copySession()
    const outside = join(root, 'outside-checkpoint')
    renameSync(join(dir, 'checkpoint'), outside)
    symlinkSync(outside, join(dir, 'checkpoint'))
    const before = folderBytes(outside)
    const r = await resume(dir)
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toMatch(/checkpoint must be a real folder, but is a symlink/)
    expect(folderBytes(outside)).toEqual(before)
  }, 60_000)

  it('SIGTERM still checkpoints, exits 143 and lets the lock go when FIFOs appear in the checkpoint while it trains', async () => {
    const dir = copySession()
    const run = startCli(['--resume', dir, '--steps', '500'])
    await run.waitFor(/step 4: test accuracy/)
    // Where the checkpoint lands: the old one, its aside and its temp folder (pid-named).
    mkfifo(join(dir, 'checkpoint', 'weights.bin'))
    mkfifo(join(dir, 'checkpoint.old'))
    mkfifo(join(dir, `checkpoint.tmp-${run.child.pid}`))
    run.child.kill('SIGTERM')
    const r = await bounded(run, 30_000)
    expect(r.code, r.stdout + r.stderr).toBe(143)
    expect(existsSync(join(dir, 'session.lock'))).toBe(false)
    const session = await readSessionFolder(dir)
    expect(session.manifest.status).toBe('stopped')
    const k = session.manifest.checkpointStep as number
    expect(k).toBeGreaterThanOrEqual(4)
    // The new checkpoint is whole: a resume from it goes on.
    const again = await resume(dir, k + 1)
    expect(again.code, again.stderr).toBe(0)
  }, 90_000)
})
