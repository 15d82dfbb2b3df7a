// npm run sweep's options, parsed in-process (the spawned CLI tests cover a few end to end).
import { describe, expect, it } from 'vitest'
import { parseSweepArgs } from '../../src/cli/sweep-args'

describe('parseSweepArgs', () => {
  it('reads the Slurm options into the manifest shape, only those given', () => {
    const o = parseSweepArgs(['--spec', 's.json', '--executor', 'slurm', '--partition', 'gpu', '--time', '1:00:00', '--cpus-per-task', '4', '--gres', 'gpu:1', '--sbatch-arg=--mem=8G', '--sbatch-arg=--qos=short', '--ssh', 'me@login', '--ssh-arg=-p2222'])
    expect(o.slurm).toEqual({ partition: 'gpu', time: '1:00:00', cpusPerTask: 4, gres: 'gpu:1', extraArgs: ['--mem=8G', '--qos=short'], ssh: 'me@login', sshArgs: ['-p2222'] })
    expect(o).toMatchObject({ spec: 's.json', executor: 'slurm', parallel: null, pollSec: 5, detach: false })
  })

  it('takes the user\'s own ssh and sbatch arguments as given (no allow-list); an empty one clears the list', () => {
    const o = parseSweepArgs(['--spec', 's.json', '--executor', 'slurm', '--ssh', 'me@login', '--ssh-arg=-oProxyCommand=ssh -W %h:%p bastion', '--sbatch-arg=--output=/scratch/me/x.log'])
    expect(o.slurm).toEqual({ ssh: 'me@login', sshArgs: ['-oProxyCommand=ssh -W %h:%p bastion'], extraArgs: ['--output=/scratch/me/x.log'] })
    expect(parseSweepArgs(['--resume', 'd', '--ssh-arg=', '--sbatch-arg=']).slurm).toEqual({ sshArgs: [], extraArgs: [] })
  })

  it.each([
    [['--spec', 'a', '--resume', 'b'], /--spec and --resume cannot be combined/],
    [[], /give --spec FILE/],
    [['--spec', 'a', '--executor', 'pbs'], /--executor must be local or slurm, got 'pbs'/],
    [['--spec', 'a', '--parallel', '0'], /--parallel must be between 1 and 64, got 0/],
    [['--spec', 'a', '--executor', 'local', '--gres', 'gpu:1'], /Slurm options \(gres\) need --executor slurm/],
    [['--spec', 'a', '--time', 'soon'], /--time: time looks like/],
    [['--spec', 'a', '--ssh', 'a b'], /--ssh: ssh target looks like user@host/],
    [['--spec', 'a', '--run', 'x'], /--run NAME goes with --cancel DIR/],
    [['--spec', 'a', '--bogus'], /unknown option '--bogus'/],
    [['--spec', 'a', 'extra'], /unexpected argument 'extra'/]
  ])('refuses %j', (argv, message) => {
    expect(() => parseSweepArgs(argv as string[])).toThrow(message)
  })
})
