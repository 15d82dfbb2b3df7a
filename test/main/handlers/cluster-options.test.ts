// ssh and sbatch options from untrusted places, through the real handler table: the settings
// (a compromised renderer writes them) and a sweep.json someone else wrote. Options that run a
// command or write a file are refused; a sweep.json holding them opens read-only and nothing
// of it runs. The sentinel is the file a ProxyCommand or an --output would create.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../src/shared/contract'
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings'
import { SlurmOptionsShapeSchema, type SlurmOptions } from '../../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { SettingsService } from '../../../src/main/services/settings-service'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { tempServices, type TempServices } from '../helpers/temp-services'

const slurm = (over: Partial<SlurmOptions>): SlurmOptions => ({ ...SlurmOptionsShapeSchema.parse({}), ...over })

describe('cluster options from untrusted places', () => {
  let temp: TempServices
  let table: HandlerTable
  let sentinel: string
  const call = (channel: string, payload: unknown): Promise<IpcResult<unknown>> => dispatch(table, channel, payload)

  beforeAll(() => {
    temp = tempServices()
    table = createHandlerTable(temp.services)
    sentinel = join(temp.dir, 'SENTINEL')
  })
  afterAll(() => temp.dispose())

  it('settings:set refuses ssh options that run a command or read a config, in every spelling, and keeps the settings', async () => {
    const touch = `touch ${sentinel}`
    const before = temp.services.settings.get().sweepSlurm
    for (const [sshArgs, why] of [
      [[`-oProxyCommand=sh -c "${touch}"`], /ProxyCommand runs a command; put it in ~\/\.ssh\/config/],
      [['-o', `ProxyCommand ${touch}`], /ProxyCommand runs a command/],
      [['-o', `proxycommand=${touch}`], /proxycommand runs a command/],
      [[`-o PROXYCOMMAND = ${touch}`], /PROXYCOMMAND runs a command/],
      [[`-oLocalCommand=${touch}`, '-oPermitLocalCommand=yes'], /LocalCommand runs a command/],
      [[`-oKnownHostsCommand=${touch}`], /KnownHostsCommand runs a command/],
      [['-o', `Match exec "${touch}"`], /Match can run a command/],
      [[`-o"ProxyCommand ${touch}"`], /is not Key=Value/],
      [['-F', join(temp.dir, 'ssh_config')], /-F reads a config file/],
      [[`-F${join(temp.dir, 'ssh_config')}`], /-F reads a config file/],
      [['-E', sentinel], /-E writes a log file/],
      [['-I', '/tmp/evil.so'], /-I loads a PKCS#11 library/],
      [['-S', sentinel], /-S opens a control socket/],
      [['-R', '8080:localhost:80'], /-R forwards a port/],
      [[`-oUserKnownHostsFile=${sentinel}`], /UserKnownHostsFile writes a file/],
      [['-p'], /-p needs a value/],
      [['-p', '22 -oProxyCommand=x'], /-p takes a port number/],
      [['-J', '-oProxyCommand=x'], /-J takes jump hosts/],
      [['evil-host'], /not an ssh option/],
      [['--'], /ssh takes no '--'/]
    ] as const) {
      const result = await call('settings:set', { sweepSlurm: slurm({ ssh: 'localhost', sshArgs: [...sshArgs] }) })
      expect(result, sshArgs.join(' ')).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(why) } })
    }
    expect(temp.services.settings.get().sweepSlurm).toEqual(before)
    expect(await call('settings:set', { sweepSlurm: slurm({ ssh: '-oProxyCommand=x' }) })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(existsSync(sentinel)).toBe(false)
  })

  it('settings:set refuses sbatch options that write or read files or run commands', async () => {
    const before = temp.services.settings.get().sweepSlurm
    for (const [extraArgs, why] of [
      [[`--output=${sentinel}`], /--output writes the job output to a file/],
      [[`--error=${sentinel}`], /--error writes/],
      [['-o', sentinel], /not in the form --option=value/],
      [[`--wrap=touch ${sentinel}`], /--wrap runs a command/],
      [[`--chdir=${temp.dir}`], /--chdir runs the job in a folder/],
      [[`--export=ALL,LD_PRELOAD=${temp.dir}/evil.so`], /--export sets the job environment/],
      [['--mem=8G; touch x'], /--mem does not take/],
      [['--bogus=1'], /--bogus is not on the allow-list/]
    ] as const) {
      const result = await call('settings:set', { sweepSlurm: slurm({ extraArgs: [...extraArgs] }) })
      expect(result, extraArgs.join(' ')).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(why) } })
    }
    expect(await call('settings:set', { sweepSlurm: slurm({ remoteProjectDir: '../elsewhere' }) })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(temp.services.settings.get().sweepSlurm).toEqual(before)
  })

  it('settings:set keeps the allowed forms: port, key, user, jump host, harmless -o keys, the listed sbatch options', async () => {
    const allowed = slurm({
      ssh: 'me@login.cluster.edu',
      sshArgs: ['-p', '2222', '-p2222', '-i', '~/.ssh/cluster', '-l', 'me', '-J', 'me@jump.edu:2200', '-oConnectTimeout=5', '-o', 'StrictHostKeyChecking accept-new', '-oIdentitiesOnly=yes', '-C'],
      extraArgs: ['--mem=8G', '--qos=short', '--gpus=a100:2', '--constraint=gpu&intel', '--nodes=1', '--exclusive'],
      partition: 'gpu',
      gres: 'gpu:1',
      remoteProjectDir: '/home/me/pseudoscope'
    })
    expect(await call('settings:set', { sweepSlurm: allowed })).toMatchObject({ ok: true, value: { sweepSlurm: allowed } })
    expect(temp.services.settings.get().sweepSlurm).toEqual(allowed)
  })

  it('stored settings whose options fail the allow-list load as the defaults, with a warning', () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'dark', sweepSlurm: slurm({ ssh: 'localhost', sshArgs: [`-oProxyCommand=touch ${sentinel}`] }) } satisfies Settings
    const warnings: string[] = []
    const settings = new SettingsService({ read: () => stored, write: () => undefined }, (w) => warnings.push(w))
    expect(settings.get()).toMatchObject({ theme: 'dark', sweepSlurm: DEFAULT_SETTINGS.sweepSlurm })
    expect(warnings.join('\n')).toContain('sweepSlurm')
  })

  /** A sweep folder as a colleague's zip or a shared NFS folder brings it, in the app's sweeps folder. */
  function handWrittenSweep(id: string, options: Partial<SlurmOptions>, state: 'running' | 'failed'): string {
    const spec = parseSweepSpec({ name: id, config: { steps: 2 }, grid: { seed: [1] } })
    const now = Date.now()
    const runs = expandSweep(spec).map((p) => ({ ...p, state, schedulerState: 'RUNNING', jobId: '4242_0', jobIds: ['4242_0'], exitCode: null, signal: null, attempts: 1, updatedAt: now }))
    const manifest = { schemaVersion: 1, app: 'pseudoscope-sweep', spec, executor: { kind: 'slurm', ...slurm(options) }, createdAt: now, updatedAt: now, arrayJobIds: ['4242'], runs }
    const dir = join(temp.services.sweeps.sweepsDir(), id)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify(manifest))
    return dir
  }

  it('a sweep.json with a ProxyCommand opens read-only with the reason: never polled, cancelled or resubmitted', async () => {
    const dir = handWrittenSweep('shared', { ssh: 'localhost', sshArgs: [`-oProxyCommand=sh -c "touch ${sentinel}"`] }, 'running')
    const out = join(temp.dir, 'SENTINEL-OUTPUT')
    handWrittenSweep('shared-output', { extraArgs: [`--output=${out}`] }, 'failed')
    const text = readFileSync(join(dir, 'sweep.json'), 'utf8')

    const list = await call('sweeps:list', undefined)
    expect(list).toMatchObject({ ok: true })
    const byId = new Map((list as { value: { sweeps: { id: string; readOnly: string | null }[] } }).value.sweeps.map((s) => [s.id, s.readOnly]))
    expect(byId.get('shared')).toMatch(/ProxyCommand runs a command/)
    expect(byId.get('shared-output')).toMatch(/--output writes the job output to a file/)

    const detail = await call('sweeps:get', { sweepId: 'shared' })
    expect(detail).toMatchObject({ ok: true, value: { summary: { id: 'shared', readOnly: expect.stringMatching(/ProxyCommand/) }, followedBy: null, manifest: { runs: [{ state: 'running' }] } } })
    for (const [channel, payload] of [
      ['sweeps:cancel', { sweepId: 'shared', runIndex: null }],
      ['sweeps:cancel', { sweepId: 'shared', runIndex: 0 }],
      ['sweeps:resubmit', { sweepId: 'shared' }],
      ['sweeps:resubmit', { sweepId: 'shared-output' }]
    ] as const) {
      const result = await call(channel, payload)
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringMatching(/is read-only: /) } })
    }
    // Asked again after the poll interval: still nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await call('sweeps:get', { sweepId: 'shared' })).toMatchObject({ ok: true })
    expect(existsSync(sentinel)).toBe(false)
    expect(existsSync(out)).toBe(false)
    expect(readFileSync(join(dir, 'sweep.json'), 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual(['sweep.json'])
  })

  it("Resubmit runs the project folder of the user's settings, never the one a sweep.json names", async () => {
    const mine = slurm({ remoteProjectDir: '/home/me/pseudoscope' })
    expect(await call('settings:set', { sweepSlurm: mine })).toMatchObject({ ok: true })
    // Port 1 on this host refuses at once: sbatch never runs, but the batch script is written first.
    const dir = handWrittenSweep('moved', { ssh: 'nobody@127.0.0.1', sshArgs: ['-p', '1', '-oConnectTimeout=5'], remoteProjectDir: '/nfs/shared/evil-project' }, 'failed')
    expect(await call('sweeps:list', undefined)).toMatchObject({ ok: true, value: { sweeps: expect.arrayContaining([expect.objectContaining({ id: 'moved', readOnly: null })]) } })
    expect(await call('sweeps:resubmit', { sweepId: 'moved' })).toMatchObject({ ok: false, error: { code: 'io-error', message: expect.stringContaining('ssh nobody@127.0.0.1 failed') } })
    const script = readFileSync(join(dir, 'sweep.sbatch'), 'utf8')
    expect(script).toContain('cd /home/me/pseudoscope ||')
    expect(script).not.toContain('evil-project')
  })
})
