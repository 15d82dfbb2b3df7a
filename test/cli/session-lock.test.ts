// One writer per session folder, through the real CLI: a second --resume while the first
// trains is refused with the holder named and changes nothing; after the first is killed
// with SIGKILL its stale lock is taken over and the run finishes with contiguous metrics.
// Runs started in the same instant without --out get folders of their own.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { runCli, startCli, tinyRun } from './cli-process'

describe('session folder lock (CLI)', () => {
  it('refuses a second --resume while one trains, and takes over after kill -9', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'pseudoscope-lock-')), 'session')
    const made = await runCli(tinyRun(out, 2))
    expect(made.code, made.stderr).toBe(0)

    const first = startCli(['--resume', out, '--steps', '500'])
    await first.waitFor(/step 4: test accuracy/)
    const metricsBefore = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    const second = await runCli(['--resume', out, '--steps', '600'])
    expect(second.code, second.stdout).toBe(2)
    expect(second.stderr).toMatch(new RegExp(`is in use by another run \\(process ${first.child.pid} on `))
    expect(second.stderr.trim().split('\n')).toHaveLength(1)
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8').startsWith(metricsBefore)).toBe(true)

    first.child.kill('SIGKILL')
    expect((await first.done).signal).toBe('SIGKILL')
    const killed = await readSessionFolder(out)
    expect(killed.manifest.status).toBe('running')
    const k = killed.manifest.checkpointStep as number

    const third = await runCli(['--resume', out, '--steps', String(k + 3)])
    expect(third.code, third.stderr).toBe(0)
    const done = await readSessionFolder(out)
    expect(done.manifest.status).toBe('finished')
    expect(done.metrics.map((m) => m.step)).toEqual(Array.from({ length: k + 3 }, (_, i) => i + 1))
    expect(done.manifest.segments.map((s) => s.status)).toEqual(['finished', 'failed', 'finished'])
    expect(readdirSync(out)).not.toContain('session.lock')
  }, 180_000)

  it('gives runs started together without --out their own folders', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pseudoscope-names-'))
    const args = tinyRun('unused', 1).slice(0, -2)
    const results = await Promise.all([runCli(args, { cwd }), runCli(args, { cwd })])
    for (const r of results) expect(r.code, r.stderr).toBe(0)
    const folders = readdirSync(join(cwd, 'sessions')).sort()
    expect(folders).toHaveLength(2)
    for (const name of folders) expect(name).toMatch(/^quick-mnist-\d{8}-\d{6}(-2)?$/)
    for (const name of folders) expect((await readSessionFolder(join(cwd, 'sessions', name))).manifest.status).toBe('finished')
  }, 120_000)
})
