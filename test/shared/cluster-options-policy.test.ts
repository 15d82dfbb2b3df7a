// The allow-list for ssh and sbatch options from the settings or a sweep.json, case by case.
import { describe, expect, it } from 'vitest'
import { executorRefusal, sbatchArgsProblems, slurmOptionsProblems, sshArgsProblems } from '../../src/shared/cluster-options-policy'
import { SlurmOptionsSchema, SlurmOptionsShapeSchema } from '../../src/shared/sweep-manifest'

const first = (problems: { message: string }[]): string | null => problems[0]?.message ?? null

describe('ssh options', () => {
  it.each([
    [['-p', '2222']],
    [['-p2222', '-oPort=22', '-o', 'Port 22', '-o', 'port = 65535']],
    [['-i', '~/.ssh/cluster', '-i/home/me/.ssh/id_ed25519', '-oIdentityFile=~/.ssh/k', '-oIdentitiesOnly=yes']],
    [['-l', 'me', '-lme', '-oUser=me.name']],
    [['-J', 'jump', '-J', 'me@jump.edu:2200', '-Jme@a,you@b:22', '-oProxyJump=me@jump', '-o', 'ProxyJump none']],
    [['-oConnectTimeout=5', '-oServerAliveInterval=30', '-oServerAliveCountMax=3', '-oConnectionAttempts=2']],
    [['-oStrictHostKeyChecking=yes', '-o', 'StrictHostKeyChecking accept-new', '-oCompression=no', '-oBatchMode=yes']],
    [['-4', '-6', '-C', '-q', '-v', '-T']],
    [[]]
  ])('accepts %j', (args) => {
    expect(sshArgsProblems(args)).toEqual([])
  })

  it.each([
    [['-oProxyCommand=sh -c "id > /tmp/x"'], 'ssh option ProxyCommand runs a command; put it in ~/.ssh/config if you trust it'],
    [['-o', 'ProxyCommand=nc %h %p'], 'ProxyCommand runs a command'],
    [['-o', 'ProxyCommand nc %h %p'], 'ProxyCommand runs a command'],
    [['-o', '  proxyCOMMAND   =   nc'], 'proxyCOMMAND runs a command'],
    [['-oLocalCommand=id'], 'LocalCommand runs a command'],
    [['-oPermitLocalCommand=yes'], 'PermitLocalCommand lets LocalCommand run a command'],
    [['-oKnownHostsCommand=/bin/id'], 'KnownHostsCommand runs a command'],
    [['-oRemoteCommand=id'], 'RemoteCommand runs a command'],
    [['-o', 'Match exec "id"'], 'Match can run a command'],
    [['-oInclude=/tmp/cfg'], 'Include reads a config file'],
    [['-oPKCS11Provider=/tmp/evil.so'], 'PKCS11Provider loads a library'],
    [['-oUserKnownHostsFile=/tmp/x'], 'UserKnownHostsFile writes a file'],
    [['-oControlPath=/tmp/s'], 'ControlPath opens a socket'],
    [['-oForwardAgent=yes'], 'ForwardAgent hands your ssh agent'],
    [['-oSetEnv=LD_PRELOAD=/x'], 'SetEnv sets environment variables'],
    [['-oHostName=evil'], 'HostName is not on the allow-list'],
    [['-o"ProxyCommand id"'], `-o '"ProxyCommand id"' is not Key=Value`],
    [["-o'ProxyCommand=id'"], 'is not Key=Value'],
    [['-oPort'], 'is not Key=Value'],
    [['-oPort=22 -oProxyCommand=id'], "ssh option Port does not take '22 -oProxyCommand=id'"],
    [['-oStrictHostKeyChecking=no'], "StrictHostKeyChecking does not take 'no'"],
    [['-oUser=-oProxyCommand=id'], "User does not take '-oProxyCommand=id'"],
    [['-F', '/tmp/cfg'], 'ssh option -F reads a config file'],
    [['-F/tmp/cfg'], 'ssh option -F reads a config file'],
    [['-E', '/tmp/log'], '-E writes a log file'],
    [['-S', '/tmp/s'], '-S opens a control socket'],
    [['-I', '/tmp/p.so'], '-I loads a PKCS#11 library'],
    [['-w', '0:0'], '-w opens a tunnel device'],
    [['-R', '80:x:80'], '-R forwards a port'],
    [['-L', '80:x:80'], '-L forwards a port'],
    [['-D', '1080'], '-D forwards a port'],
    [['-A'], '-A hands your ssh agent'],
    [['-X'], '-X is not on the allow-list'],
    [['-vp22'], '-vp22 is not on the allow-list'],
    [['-p'], 'ssh option -p needs a value'],
    [['-p', '0'], "-p takes a port number, not '0'"],
    [['-p', '65536'], 'takes a port number'],
    [['-i', '-oProxyCommand=id'], 'takes an identity file path'],
    [['-i', 'my key'], 'takes an identity file path'],
    [['-l', '-oProxyCommand=id'], 'takes a user name'],
    [['-J', '-oProxyCommand=id'], 'takes jump hosts'],
    [['-J', 'a,-oProxyCommand=id'], 'takes jump hosts'],
    [['-J', 'ssh://me@jump'], 'takes jump hosts'],
    [['host'], "'host' is not an ssh option"],
    [['-'], "'-' is not an ssh option"],
    [['--'], "ssh takes no '--'"],
    [['--help'], "ssh takes no '--help'"],
    [['-p', '22\n'], 'control character'],
    [['-oPort=22\nProxyCommand=id'], 'control character']
  ])('refuses %j', (args, message) => {
    expect(first(sshArgsProblems(args))).toContain(message)
  })

  it('names the entry at fault', () => {
    expect(sshArgsProblems(['-p', '22', '-o', 'ProxyCommand=id'])).toEqual([{ field: 'sshArgs', index: 3, message: expect.stringContaining('ProxyCommand') }])
  })
})

describe('sbatch options', () => {
  it('accepts the listed options in --key=value form', () => {
    const args = ['--mem=8G', '--mem=16000', '--mem-per-cpu=2G', '--qos=short', '--constraint=gpu&intel', '--constraint=[rack1|rack2]', '--gpus=2', '--gpus=a100:1', '--gpus-per-node=4', '--nodes=1', '--nodes=1-2', '--ntasks=1', '--reservation=maint', '--exclude=node[01-04]', '--nodelist=node1,node2', '--exclusive', '--exclusive=user', '--requeue', '--no-requeue', '--time-min=30', '--hint=nomultithread']
    expect(sbatchArgsProblems(args)).toEqual([])
  })

  it.each([
    ['--output=/tmp/x', 'sbatch option --output writes the job output to a file of its choosing'],
    ['--output=logs/%j.out', '--output writes'],
    ['--error=/tmp/x', '--error writes'],
    ['--input=/etc/passwd', '--input reads a file'],
    ['--chdir=/tmp', '--chdir runs the job in a folder'],
    ['--wrap=id', '--wrap runs a command'],
    ['--export=ALL,LD_PRELOAD=/x.so', '--export sets the job environment'],
    ['--export-file=/x', '--export-file sets the job environment'],
    ['--container=/x', '--container runs a container'],
    ['--array=0-9', '--array is set by Pseudoscope'],
    ['--job-name=x', '--job-name is set by Pseudoscope'],
    ['--signal=B:USR1', '--signal changes the signal'],
    ['--mail-user=a@b', '--mail-user sends mail'],
    ['-o/tmp/x', "'-o/tmp/x' is not in the form --option=value"],
    ['-e', 'is not in the form --option=value'],
    ['--mem', 'sbatch option --mem needs =value'],
    ['--mem 8G', 'is not in the form --option=value'],
    ['--mem=8G --output=/x', "sbatch option --mem does not take '8G --output=/x'"],
    ['--qos=a/b', "--qos does not take 'a/b'"],
    ['--constraint=$(id)', '--constraint does not take'],
    ['--requeue=1', '--requeue does not take'],
    ['--MEM=8G', 'is not in the form --option=value'],
    ['--test-only', '--test-only is not on the allow-list'],
    ['--mem=1' + '0'.repeat(300), '--mem does not take'],
    ['gpu', 'is not in the form --option=value']
  ])('refuses %s', (arg, message) => {
    expect(first(sbatchArgsProblems([arg]))).toContain(message)
  })
})

describe('the whole options and the schemas', () => {
  const defaults = SlurmOptionsShapeSchema.parse({})

  it('checks the ssh target, the nodes project folder and the sbatch names', () => {
    expect(slurmOptionsProblems({ ...defaults, ssh: 'me@login', remoteProjectDir: '/home/me/p', partition: 'gpu,cpu', account: 'lab_1', gres: 'gpu:a100:2' })).toEqual([])
    expect(first(slurmOptionsProblems({ ...defaults, ssh: '-oProxyCommand' }))).toContain("must not start with '-'")
    expect(first(slurmOptionsProblems({ ...defaults, ssh: '-x@host' }))).toContain("must not start with '-'")
    for (const dir of ['relative/p', '/home/../etc', '/home/./p', '/p\n']) expect(first(slurmOptionsProblems({ ...defaults, remoteProjectDir: dir })), dir).toContain('absolute path')
    expect(first(slurmOptionsProblems({ ...defaults, partition: 'a b' }))).toContain("partition 'a b' may hold only")
    expect(first(slurmOptionsProblems({ ...defaults, gres: 'gpu:1 --wrap=id' }))).toContain('gres')
  })

  it('the settings schema applies the allow-list with the path of the entry; the shape alone does not', () => {
    const bad = { ...defaults, sshArgs: ['-p', '22', '-oProxyCommand=id'], extraArgs: ['--output=/x'] }
    const parsed = SlurmOptionsSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['sshArgs.2', expect.stringContaining('ProxyCommand runs a command')],
      ['extraArgs.0', expect.stringContaining('--output writes')]
    ])
    expect(SlurmOptionsShapeSchema.safeParse(bad).success).toBe(true)
  })

  it('a sweep executor is refused with its first problem; a local one never', () => {
    expect(executorRefusal({ kind: 'local', parallel: 2 })).toBeNull()
    expect(executorRefusal({ kind: 'slurm', ...defaults, sshArgs: ['-p', '22'] })).toBeNull()
    expect(executorRefusal({ kind: 'slurm', ...defaults, sshArgs: ['-F/x'] })).toMatch(/-F reads a config file/)
  })
})
