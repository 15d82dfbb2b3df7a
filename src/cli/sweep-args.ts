// Command-line options of `npm run sweep`, parsed strictly (UsageError, exit code 2).
import { parseArgs } from 'node:util'
import { SlurmOptionsShapeSchema, type SlurmOptions } from '../shared/sweep-manifest'
import { parseStrict, UsageError } from './args'

export interface SweepCliOptions {
  help: boolean
  spec: string | null
  executor: 'local' | 'slurm' | null
  out: string | null
  resume: string | null
  cancel: string | null
  /** --run NAME (repeatable): the runs --cancel cancels. */
  runs: string[]
  parallel: number | null
  detach: boolean
  pollSec: number
  /** Only the Slurm options given on the command line. */
  slurm: Partial<SlurmOptions>
}

export const SWEEP_USAGE = `Usage: npm run sweep -- --spec FILE [options]
       npm run sweep -- --resume DIR [options]
       npm run sweep -- --cancel DIR [--run NAME ...]

Runs a sweep: the cross product of a spec's grid, one session folder per run.

  --spec FILE              sweep spec (JSON): { "name", "preset", "config", "grid" }
  --executor local|slurm   where the runs train (default local)
  --out DIR                the sweep folder: sweep.json and one session per run
                           (default ./sweeps/<name>-<timestamp>)
  --parallel N             local: runs at once (default 1)
  --resume DIR             continue a sweep: unfinished runs resume from their checkpoints,
                           finished ones are left alone (Slurm: resubmitted as one array)
  --cancel DIR             Slurm: scancel the sweep's unfinished jobs (or those of --run NAME)
  --detach                 Slurm: submit and exit; --resume DIR follows it again
  --poll SECONDS           Slurm: how often to ask the scheduler (default 5)

Slurm (sbatch) options:
  --partition P  --time T  --cpus-per-task N  --gres G (e.g. gpu:1)  --account A
  --sbatch-arg X           one more sbatch argument (repeatable), e.g. --sbatch-arg=--mem=8G
  --remote-project-dir D   this project's folder on the cluster's nodes (default this checkout)
  --ssh user@host          run sbatch, squeue, scontrol and scancel there (OpenSSH, key auth);
                           the sweep folder must be on storage both sides see, at the same path
  --ssh-arg X              one more ssh argument (repeatable), e.g. --ssh-arg=-p --ssh-arg=2222

The options you type are yours: they are used as given and kept in sweep.json. A sweep.json
is read like any file someone else may have written, so on --resume and --cancel its ssh and
sbatch options must pass an allow-list (ssh: -p, -i, -l, -J and a few -o keys; sbatch: --mem,
--qos, --constraint, --gpus, --nodes, --ntasks and the like). Anything else (ProxyCommand,
-F, --output, --wrap, ...) stops the sweep with exit 2: if you trust them, type them again
(--ssh-arg and --sbatch-arg replace the file's lists; --ssh-arg= with nothing clears them).
Nor may the file choose where Slurm runs code: --resume of a sweep with a project folder on
the nodes asks for --remote-project-dir again. ~/.ssh/config is always yours.

Ctrl-C on a local sweep checkpoints every live run and exits (130); --resume continues.
Ctrl-C while following a Slurm sweep stops following; the jobs go on.
Exit codes: 0 every run finished, 1 some run did not, 2 bad options or spec, 130/143 interrupted.`

function integer(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === undefined) return null
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${flag} must be an integer, got '${value}'`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${value}`)
  return n
}

function parse(argv: string[]) {
  const text = { type: 'string' } as const
  const many = { type: 'string', multiple: true } as const
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      spec: text,
      executor: text,
      out: text,
      resume: text,
      cancel: text,
      run: many,
      parallel: text,
      detach: { type: 'boolean' },
      poll: text,
      partition: text,
      time: text,
      'cpus-per-task': text,
      gres: text,
      account: text,
      'sbatch-arg': many,
      'remote-project-dir': text,
      ssh: text,
      'ssh-arg': many
    }
  })
}

export function parseSweepArgs(argv: string[]): SweepCliOptions {
  const v = parseStrict(() => parse(argv)).values
  if (v.executor !== undefined && v.executor !== 'local' && v.executor !== 'slurm') throw new UsageError(`--executor must be local or slurm, got '${v.executor}'`)
  const modes = [v.spec !== undefined && '--spec', v.resume !== undefined && '--resume', v.cancel !== undefined && '--cancel'].filter(Boolean)
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`)
  if (modes.length === 0 && v.help !== true) throw new UsageError('give --spec FILE to start a sweep, --resume DIR to continue one, or --cancel DIR')
  const slurmGiven: Record<string, unknown> = {}
  if (v.partition !== undefined) slurmGiven.partition = v.partition
  if (v.time !== undefined) slurmGiven.time = v.time
  const cpus = integer('cpus-per-task', v['cpus-per-task'], 1, 1024)
  if (cpus !== null) slurmGiven.cpusPerTask = cpus
  if (v.gres !== undefined) slurmGiven.gres = v.gres
  if (v.account !== undefined) slurmGiven.account = v.account
  // An empty one (--sbatch-arg=) clears the list: on --resume, the sweep.json's are then dropped.
  if (v['sbatch-arg'] !== undefined) slurmGiven.extraArgs = v['sbatch-arg'].filter((a) => a !== '')
  if (v['remote-project-dir'] !== undefined) slurmGiven.remoteProjectDir = v['remote-project-dir']
  if (v.ssh !== undefined) slurmGiven.ssh = v.ssh
  if (v['ssh-arg'] !== undefined) slurmGiven.sshArgs = v['ssh-arg'].filter((a) => a !== '')
  // Each given option checked by the manifest's own shape; the user's own flags pass no allow-list.
  const checked = SlurmOptionsShapeSchema.partial().safeParse(slurmGiven)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    throw new UsageError(`--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`)
  }
  const slurm = Object.fromEntries(Object.entries(checked.data).filter(([k]) => k in slurmGiven)) as Partial<SlurmOptions>
  if (v.executor === 'local' && Object.keys(slurm).length > 0) throw new UsageError(`Slurm options (${Object.keys(slurmGiven).join(', ')}) need --executor slurm`)
  if (v.run !== undefined && v.cancel === undefined) throw new UsageError('--run NAME goes with --cancel DIR')
  const pollSec = v.poll === undefined ? 5 : Number(v.poll)
  if (!Number.isFinite(pollSec) || pollSec < 0.2 || pollSec > 3600) throw new UsageError(`--poll must be seconds between 0.2 and 3600, got '${v.poll}'`)
  return {
    help: v.help === true,
    spec: v.spec ?? null,
    executor: (v.executor as 'local' | 'slurm' | undefined) ?? null,
    out: v.out ?? null,
    resume: v.resume ?? null,
    cancel: v.cancel ?? null,
    runs: v.run ?? [],
    parallel: integer('parallel', v.parallel, 1, 64),
    detach: v.detach === true,
    pollSec,
    slurm
  }
}
