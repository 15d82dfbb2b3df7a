// Runs the CLI as a child process, as a user would: bad options, a tiny run interrupted with
// SIGINT (exit 130, resumable) and resumed to the end.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findAddon } from '../../src/engine/backend/onednn'
import { readSessionFolder } from '../../src/node/session/session-reader'

const CLI = fileURLToPath(new URL('../../src/cli/experiment.ts', import.meta.url))

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function runCli(args: string[], onStdout?: (text: string, kill: () => void) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      onStdout?.(stdout, () => child.kill('SIGINT'))
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

describe('npm run experiment', () => {
  it.each([
    // Each spawn costs seconds; args.test.ts covers every case in-process.
    [['--bogus'], /^experiment: unknown option '--bogus'$/m],
    [['--steps', 'abc'], /--steps must be an integer, got 'abc'/],
    [['--config', fixture('null.json')], /--config: .*null\.json must hold a JSON object, not null$/m],
    [['--config', fixture('multiline-bad.json')], /--config: .*multiline-bad\.json is not valid JSON \(Unexpected token .*\)$/m],
    [['--out', '/proc/pseudoscope-no-such/session'], /--out: cannot create \/proc\/pseudoscope-no-such \(ENOENT\)$/m]
  ])('rejects %j with one message and exit code 2', async (args, message) => {
    const r = await runCli(args as string[])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(2)
  })

  it('prints its usage with --help', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--labels-per-class N')
  })

  it('runs, checkpoints on Ctrl-C with exit 130, and --resume finishes the same session', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'pseudoscope-cli-')), 'session')
    // --data-dir means nothing to MNIST (embedded): the run says so and goes on.
    const tiny = ['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--out', out, '--data-dir', '/nowhere']
    let sent = false
    // Plain lines (not a TTY): the first eval line comes after step 1; interrupt there.
    const first = await runCli([...tiny, '--steps', '500', '--threads', '1', '--config', fileURLToPath(new URL('./tiny-run.json', import.meta.url))], (text, kill) => {
      if (!sent && /step 1: test accuracy/.test(text)) {
        sent = true
        kill()
      }
    })
    expect(first.code, first.stderr).toBe(130)
    expect(first.stderr).toContain('experiment: warning: --data-dir is ignored for mnist (its images are embedded)')
    expect(first.stdout).toMatch(/on wasm \(wasm/)
    expect(first.stdout).toMatch(/, 1 thread\(s\)/)
    // The first line says where the convolutions run: oneDNN where its addon is built.
    expect(first.stdout).toMatch(findAddon() !== null ? /, convolutions on oneDNN \d+\.\d+\.\d+ \(native\)\n/ : /, convolutions on wasm \(oneDNN: .*not built/)
    expect(first.stdout).toContain('Resume with: npm run experiment -- --resume')
    const stopped = await readSessionFolder(out)
    expect(stopped.manifest.status).toBe('stopped')
    const k = stopped.manifest.checkpointStep as number
    expect(k).toBeGreaterThanOrEqual(1)

    const second = await runCli(['--resume', out, '--steps', String(k + 2)])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/Resuming .* from step \d+ to \d+/)
    expect(second.stdout).toMatch(/test accuracy\s+raw [\d.]+%\s+EMA [\d.]+%/)
    expect(second.stdout).toContain(out)
    const done = await readSessionFolder(out)
    expect(done.manifest.status).toBe('finished')
    expect(done.metrics.map((m) => m.step)).toEqual(Array.from({ length: k + 2 }, (_, i) => i + 1))
    expect(done.manifest.segments).toHaveLength(2)
    expect(done.sweeps.length).toBeGreaterThanOrEqual(1)
    expect(done.manifest.sampleSnapshots).toContain(k + 2)

    // Refusals answer at once with exit 2 and change nothing.
    const again = await runCli(['--out', out, '--steps', '5'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(`--out: ${out} already holds a session; continue it with --resume ${out}, or choose another --out`)
    const manifestText = await readFile(join(out, 'session.json'), 'utf8')
    const finished = await runCli(['--resume', out])
    expect(finished.code).toBe(2)
    expect(finished.stderr).toContain(`cannot resume ${out}: it is finished: it trained all its ${k + 2} steps; give --steps N with N > ${k + 2} to train further`)
    const notBeyond = await runCli(['--resume', out, '--steps', String(k + 1)])
    expect(notBeyond.code).toBe(2)
    expect(notBeyond.stderr).toContain(`${k + 1} steps is not beyond its checkpoint at step ${k + 2}; give --steps N with N > ${k + 2}`)
    expect(await readFile(join(out, 'session.json'), 'utf8')).toBe(manifestText)
  }, 180_000)
})
