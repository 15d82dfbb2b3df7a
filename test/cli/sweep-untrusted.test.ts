// `npm run sweep -- --resume/--cancel` on a sweep.json someone else wrote: its ssh and sbatch
// options are not the user's, so options off the allow-list stop the sweep with exit 2 and
// nothing runs (the sentinel is what the ProxyCommand or --output would create). Options typed
// now replace the file's. Printed hints are pasteable: the folder is shell-quoted.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { shellQuote } from '../../src/shared/shell-quote'
import { SlurmOptionsShapeSchema, type SlurmOptions } from '../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'
import { runSweep, TINY_CONFIG, writeSpec } from './sweep-process'

async function handWrittenSweep(dir: string, options: Partial<SlurmOptions>): Promise<string> {
  const spec = parseSweepSpec({ name: 'shared', config: { ...TINY_CONFIG, steps: 2 }, grid: { seed: [1] } })
  const now = Date.now()
  const runs = expandSweep(spec).map((p) => ({ ...p, state: 'running', schedulerState: 'RUNNING', jobId: '4242_0', jobIds: ['4242_0'], exitCode: null, signal: null, attempts: 1, updatedAt: now }))
  const executor = { kind: 'slurm', ...SlurmOptionsShapeSchema.parse({}), ...options }
  const out = join(dir, 'sweep')
  await mkdir(out)
  await writeFile(join(out, 'sweep.json'), JSON.stringify({ schemaVersion: 1, app: 'pseudoscope-sweep', spec, executor, createdAt: now, updatedAt: now, arrayJobIds: ['4242'], runs }))
  return out
}

describe('npm run sweep on a sweep.json someone else wrote', () => {
  it('--cancel and --resume refuse its ProxyCommand with exit 2 and run nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-untrusted-'))
    const sentinel = join(dir, 'SENTINEL')
    const out = await handWrittenSweep(dir, { ssh: 'localhost', sshArgs: [`-oProxyCommand=sh -c "touch ${sentinel}"`] })
    const text = await readFile(join(out, 'sweep.json'), 'utf8')
    for (const args of [['--cancel', out], ['--cancel', out, '--run', 'seed-1'], ['--resume', out, '--detach']]) {
      const r = await runSweep(args)
      expect(r.status, `${args.join(' ')}\n${r.output}`).toBe(2)
      expect(r.output).toContain(`sweep: ${join(out, 'sweep.json')}: ssh option ProxyCommand runs a command; put it in ~/.ssh/config if you trust it.`)
      expect(r.output).toContain('give them again on the command line (--ssh-arg replaces the file')
    }
    expect(existsSync(sentinel)).toBe(false)
    expect(await readFile(join(out, 'sweep.json'), 'utf8')).toBe(text)
    expect(await readdir(out)).toEqual(['sweep.json'])
  }, 60_000)

  it('--resume refuses an sbatch --output from the file, but not a --partition the user types over a bad one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-untrusted-'))
    const sentinel = join(dir, 'SENTINEL')
    const out = await handWrittenSweep(dir, { extraArgs: [`--output=${sentinel}`], partition: 'a b' })
    const r = await runSweep(['--resume', out, '--partition', 'debug', '--detach'])
    expect(r.status, r.output).toBe(2)
    expect(r.output).toMatch(/sbatch option --output writes the job output to a file of its choosing\. .*--sbatch-arg replaces the file's, --sbatch-arg= with nothing clears them/)
    expect(r.output).not.toContain("partition 'a b'")
    expect(existsSync(sentinel)).toBe(false)
    expect(await readdir(out)).toEqual(['sweep.json'])
  }, 60_000)

  it('--resume refuses a project folder named by the file (Slurm runs the code there) unless the user gives it again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-untrusted-'))
    const out = await handWrittenSweep(dir, { remoteProjectDir: join(dir, 'evil project') })
    const r = await runSweep(['--resume', out, '--detach'])
    expect(r.status, r.output).toBe(2)
    expect(r.output).toContain(`names ${shellQuote(join(dir, 'evil project'))} as the project folder on the nodes, where Slurm runs the code it finds`)
    expect(r.output).toContain(`give --remote-project-dir ${shellQuote(join(dir, 'evil project'))} again`)
    expect(await readdir(out)).toEqual(['sweep.json'])
  }, 60_000)

  it('prints the --resume hint shell-quoted: a folder with a space and a quote pastes back as itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sweep-hint-'))
    const out = join(dir, "it's a sweep")
    await mkdir(out)
    await writeFile(join(out, 'sweep.json'), '{}')
    const spec = await writeSpec(dir, { name: 'hint', config: TINY_CONFIG, grid: { seed: [1] } })
    const r = await runSweep(['--spec', spec, '--out', out])
    expect(r.status, r.output).toBe(2)
    const hint = /continue it with --resume (.*)$/m.exec(r.output)?.[1] ?? ''
    expect(hint).toBe(shellQuote(out))
    expect(spawnSync('sh', ['-c', `printf %s ${hint}`], { encoding: 'utf8' }).stdout).toBe(out)
  }, 60_000)
})
