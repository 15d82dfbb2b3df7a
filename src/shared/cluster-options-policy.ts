// The allow-list for ssh and sbatch options that come from an untrusted place: the settings
// (the renderer writes them) and a sweep.json (anyone may have written it). Options that make
// ssh or Slurm run a command, load code or write a file of their choosing are refused; full
// control stays with ~/.ssh/config and the flags a user types on `npm run sweep`.

/** The option fields the policy reads; sweep-manifest's SlurmOptions has them (declared here, as that schema applies this rule). */
export interface PolicedSlurmOptions {
  ssh: string | null
  remoteProjectDir: string | null
  partition: string | null
  account: string | null
  gres: string | null
  sshArgs: readonly string[]
  extraArgs: readonly string[]
}

export interface ClusterOptionProblem {
  field: 'sshArgs' | 'extraArgs' | 'ssh' | 'remoteProjectDir' | 'partition' | 'account' | 'gres'
  /** The argv entry at fault, for sshArgs and extraArgs. */
  index?: number
  message: string
}

type Check = (value: string) => boolean
const re = (pattern: RegExp): Check => (value) => pattern.test(value)
const oneOf = (...words: string[]): Check => (value) => words.includes(value.toLowerCase())

const hasControl = (text: string): boolean => /\p{Cc}/u.test(text)
const USER = /[A-Za-z0-9_][A-Za-z0-9._-]*/.source
const PORT = /^(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/
const HOP = new RegExp(`^(?:${USER}@)?(?:[A-Za-z0-9_][A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?$`)
const PATH = /^[A-Za-z0-9_~./+@%:,][A-Za-z0-9_~./+@%:,-]*$/
const SECONDS = re(/^\d{1,5}$/)
const jumpHosts: Check = (value) => value.toLowerCase() === 'none' || value.split(',').every((hop) => HOP.test(hop))

/** ssh -o keys allowed, by lower-case keyword (ssh matches keywords case-insensitively). */
const SSH_KEYS: Record<string, Check> = {
  port: re(PORT),
  user: re(new RegExp(`^${USER}$`)),
  identityfile: re(PATH),
  identitiesonly: oneOf('yes', 'no'),
  connecttimeout: SECONDS,
  connectionattempts: SECONDS,
  serveraliveinterval: SECONDS,
  serveralivecountmax: SECONDS,
  stricthostkeychecking: oneOf('yes', 'accept-new'),
  compression: oneOf('yes', 'no'),
  batchmode: oneOf('yes'),
  proxyjump: jumpHosts
}
const RUNS_COMMAND = 'runs a command'
/** Why the dangerous -o keys are refused (others: not on the list). */
const SSH_KEY_WHY: Record<string, string> = {
  proxycommand: RUNS_COMMAND,
  localcommand: RUNS_COMMAND,
  permitlocalcommand: 'lets LocalCommand run a command',
  knownhostscommand: RUNS_COMMAND,
  remotecommand: RUNS_COMMAND,
  match: "can run a command (Match exec)",
  include: 'reads a config file of its choosing',
  userknownhostsfile: 'writes a file of its choosing',
  globalknownhostsfile: 'reads a file of its choosing',
  controlpath: 'opens a socket of its choosing',
  controlmaster: 'opens a socket of its choosing',
  pkcs11provider: 'loads a library (runs its code)',
  securitykeyprovider: 'loads a library (runs its code)',
  forwardagent: 'hands your ssh agent to the host',
  setenv: 'sets environment variables',
  sendenv: 'sends environment variables'
}

/** ssh flags taking a value, with its check. */
const SSH_VALUE_FLAGS: Record<string, { what: string; ok: Check }> = {
  p: { what: 'a port number', ok: re(PORT) },
  i: { what: 'an identity file path', ok: re(PATH) },
  l: { what: 'a user name', ok: re(new RegExp(`^${USER}$`)) },
  J: { what: 'jump hosts as [user@]host[:port]', ok: jumpHosts }
}
const SSH_BARE_FLAGS = new Set(['4', '6', 'C', 'q', 'v', 'T'])
const SSH_FLAG_WHY: Record<string, string> = {
  F: 'reads a config file of its choosing',
  E: 'writes a log file of its choosing',
  S: 'opens a control socket of its choosing',
  I: 'loads a PKCS#11 library (runs its code)',
  w: 'opens a tunnel device',
  R: 'forwards a port',
  L: 'forwards a port',
  D: 'forwards a port',
  W: 'forwards a connection',
  A: 'hands your ssh agent to the host',
  O: 'sends a control command',
  G: 'prints the config instead of connecting',
  f: 'puts ssh in the background'
}
const SSH_ALLOWED = `allowed: -p PORT, -i FILE, -l USER, -J HOST, -4, -6, -C, -q, -v, -T, -o ${Object.keys(SSH_KEYS).join('|')}`

/** Why an -o value is refused, or null. */
function sshOptionProblem(text: string): string | null {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(\S(?:.*\S)?)\s*$/s.exec(text)
  if (!m) return `-o '${text}' is not Key=Value`
  const key = m[1].toLowerCase()
  const why = SSH_KEY_WHY[key]
  if (why) return `ssh option ${m[1]} ${why}; put it in ~/.ssh/config if you trust it`
  const ok = SSH_KEYS[key]
  if (!ok) return `ssh option ${m[1]} is not on the allow-list (${SSH_ALLOWED}); put it in ~/.ssh/config`
  return ok(m[2]) ? null : `ssh option ${m[1]} does not take '${m[2]}'`
}

export function sshArgsProblems(args: readonly string[]): ClusterOptionProblem[] {
  const out: ClusterOptionProblem[] = []
  const refuse = (index: number, message: string): void => void out.push({ field: 'sshArgs', index, message })
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (hasControl(arg)) refuse(i, `ssh argument ${JSON.stringify(arg)} holds a control character`)
    else if (!arg.startsWith('-') || arg === '-') refuse(i, `'${arg}' is not an ssh option (ssh would take it as the host or the command)`)
    else if (arg.startsWith('--')) refuse(i, `ssh takes no '${arg}'`)
    else if (SSH_BARE_FLAGS.has(arg[1]) && arg.length === 2) continue
    else if (arg[1] === 'o' || arg[1] in SSH_VALUE_FLAGS) {
      const value = arg.length > 2 ? arg.slice(2) : args[++i]
      if (value === undefined) refuse(i - 1, `ssh option ${arg} needs a value`)
      else if (hasControl(value)) refuse(i, `ssh argument ${JSON.stringify(value)} holds a control character`)
      else if (arg[1] === 'o') {
        const problem = sshOptionProblem(value)
        if (problem) refuse(i, problem)
      } else if (!SSH_VALUE_FLAGS[arg[1]].ok(value)) refuse(i, `ssh option -${arg[1]} takes ${SSH_VALUE_FLAGS[arg[1]].what}, not '${value}'`)
    } else {
      const why = SSH_FLAG_WHY[arg[1]]
      refuse(i, why ? `ssh option -${arg[1]} ${why}; put it in ~/.ssh/config if you trust it` : `ssh option ${arg} is not on the allow-list (${SSH_ALLOWED}); put it in ~/.ssh/config`)
    }
  }
  return out
}

const NAME = re(/^[A-Za-z0-9_][A-Za-z0-9_.,:+-]*$/)
/** An sbatch value check; undefined = the option given bare (--requeue). */
type ValueCheck = (value: string | undefined) => boolean
const valued = (pattern: RegExp): ValueCheck => (value) => value !== undefined && value.length <= 200 && pattern.test(value)
const MEMORY = valued(/^\d{1,9}[KMGT]?$/i)
const COUNT = valued(/^\d{1,6}$/)
const NAMES = valued(/^[A-Za-z0-9_][A-Za-z0-9_.,:+-]*$/)
const EXPR = valued(/^[A-Za-z0-9_[(!][A-Za-z0-9_.,:+&|*[\]()!-]*$/)
const GPUS = valued(/^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*:)?\d{1,4}$/)
const NODES = valued(/^[A-Za-z0-9_][A-Za-z0-9_.,[\]-]*$/)
const WORD = valued(/^[A-Za-z][A-Za-z_,-]*$/)
const FLAG: ValueCheck = (value) => value === undefined

/** sbatch options allowed, --key=value only; undefined value = a bare flag. */
const SBATCH: Record<string, ValueCheck> = {
  mem: MEMORY,
  'mem-per-cpu': MEMORY,
  'mem-per-gpu': MEMORY,
  tmp: MEMORY,
  qos: NAMES,
  reservation: NAMES,
  licenses: NAMES,
  clusters: NAMES,
  constraint: EXPR,
  prefer: EXPR,
  gpus: GPUS,
  'gpus-per-node': GPUS,
  'gpus-per-task': GPUS,
  'cpus-per-gpu': COUNT,
  nodes: valued(/^\d{1,6}(?:-\d{1,6})?$/),
  ntasks: COUNT,
  'ntasks-per-node': COUNT,
  mincpus: COUNT,
  nice: COUNT,
  exclude: NODES,
  nodelist: NODES,
  hint: WORD,
  'gres-flags': WORD,
  'time-min': valued(/^[0-9:-]+$/),
  exclusive: (value) => value === undefined || WORD(value),
  requeue: FLAG,
  'no-requeue': FLAG
}
const SBATCH_WHY: Record<string, string> = {
  output: 'writes the job output to a file of its choosing',
  error: 'writes the job output to a file of its choosing',
  input: 'reads a file of its choosing',
  chdir: 'runs the job in a folder of its choosing',
  wrap: 'runs a command of its choosing',
  export: 'sets the job environment (LD_PRELOAD and the like run code)',
  'export-file': 'sets the job environment from a file',
  container: 'runs a container of its choosing',
  bb: 'runs burst-buffer scripts',
  bbf: 'runs burst-buffer scripts',
  'mail-user': 'sends mail to an address of its choosing',
  array: 'is set by Pseudoscope',
  'job-name': 'is set by Pseudoscope',
  'open-mode': 'is set by Pseudoscope',
  parsable: 'is set by Pseudoscope',
  signal: 'changes the signal the runner checkpoints on'
}

export function sbatchArgsProblems(args: readonly string[]): ClusterOptionProblem[] {
  const out: ClusterOptionProblem[] = []
  args.forEach((arg, index) => {
    const refuse = (message: string): void => void out.push({ field: 'extraArgs', index, message })
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg)
    if (!m) return refuse(`sbatch argument '${arg}' is not in the form --option=value`)
    const [, key, value] = m
    const why = SBATCH_WHY[key]
    if (why) return refuse(`sbatch option --${key} ${why}`)
    const ok = SBATCH[key]
    if (!ok) return refuse(`sbatch option --${key} is not on the allow-list (${Object.keys(SBATCH).map((k) => `--${k}`).join(', ')})`)
    if (!ok(value)) refuse(value === undefined ? `sbatch option --${key} needs =value` : `sbatch option --${key} does not take '${value}'`)
  })
  return out
}

const absoluteClean = (path: string): boolean => path.startsWith('/') && path.length <= 1024 && !hasControl(path) && !path.split('/').some((s) => s === '..' || s === '.')

/** Every problem of one set of Slurm options; [] when they may be used. */
export function slurmOptionsProblems(options: PolicedSlurmOptions): ClusterOptionProblem[] {
  const out: ClusterOptionProblem[] = []
  if (options.ssh !== null && options.ssh.split('@').some((part) => part.startsWith('-'))) out.push({ field: 'ssh', message: `ssh target '${options.ssh}' must not start with '-'` })
  if (options.remoteProjectDir !== null && !absoluteClean(options.remoteProjectDir)) out.push({ field: 'remoteProjectDir', message: 'the project folder on the nodes must be an absolute path without . or .. parts' })
  for (const field of ['partition', 'account', 'gres'] as const) {
    const value = options[field]
    if (value !== null && !NAME(value)) out.push({ field, message: `${field} '${value}' may hold only letters, digits and . , : + - _` })
  }
  return [...out, ...sshArgsProblems(options.sshArgs), ...sbatchArgsProblems(options.extraArgs)]
}

/** Why a sweep's executor may not be used (it opens read-only), or null. */
export function executorRefusal(executor: { kind: 'local'; parallel?: number } | ({ kind: 'slurm' } & PolicedSlurmOptions)): string | null {
  if (executor.kind !== 'slurm') return null
  const [first] = slurmOptionsProblems(executor)
  return first ? first.message : null
}
