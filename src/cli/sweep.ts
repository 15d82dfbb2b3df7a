// `npm run sweep -- [options]`: the runs of a sweep spec (the cross product of its grid), on
// this machine or as a Slurm job array, each writing its own session folder in the sweep
// folder beside sweep.json. Exit codes: 0 every run finished, 1 some did not, 2 bad options
// or spec, 130 / 143 interrupted (local runs checkpointed).
import { readdir, readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError, toErrorPayload } from '../shared/errors'
import { isFinalRunState, isResumableRunState, SlurmOptionsShapeSchema, type SweepExecutor, type SweepManifest } from '../shared/sweep-manifest'
import { shellQuote } from '../shared/shell-quote'
import { expandSweep, parseSweepSpec } from '../shared/sweep-spec'
import { trainingThreadsEnv } from '../shared/training-threads'
import { SessionLock } from '../node/session/session-lock'
import { claimNewFolder } from '../node/session/writer-files'
import { LocalSweepExecutor, type RunEvent } from '../node/sweep/local-executor'
import { readRunResult } from '../node/sweep/run-results'
import { SlurmSweepExecutor } from '../node/sweep/slurm/slurm-executor'
import { localSlurmHost, sshSlurmHost } from '../node/sweep/slurm/slurm-host'
import { createSweepFolder, readSweepManifest, SweepManifestWriter } from '../node/sweep/sweep-folder'
import { oneLine, UsageError } from './args'
import { Interrupt } from './interrupt'
import { parseSweepArgs, SWEEP_USAGE, type SweepCliOptions } from './sweep-args'
import { formatEvent, formatSweepReport } from './sweep-report'
import { checkSweepFileOptions } from './sweep-trust'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EXPERIMENT = fileURLToPath(new URL('./experiment.ts', import.meta.url))
const TSX = import.meta.resolve('tsx')
const say = (text: string): void => void process.stdout.write(`${text}\n`)

async function readSpec(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--spec: cannot read ${path} (${error.code ?? error.message})`)
  })
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--spec: ${path} is not valid JSON (${oneLine((error as Error).message)})`)
  }
}

/** A new sweep folder: the one named (empty or absent), or ./sweeps/<name>-<timestamp>. */
async function outFolder(out: string | null, name: string): Promise<string> {
  if (out === null) return claimNewFolder(resolve('sweeps'), `${name}-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`)
  const dir = resolve(out)
  const entries = await readdir(dir).catch(() => [] as string[])
  if (entries.includes('sweep.json')) throw new UsageError(`--out: ${dir} already holds a sweep; continue it with --resume ${shellQuote(dir)}`)
  if (entries.length > 0) throw new UsageError(`--out: ${dir} is not empty; choose a new or empty folder`)
  return dir
}

function executorFor(options: SweepCliOptions, previous: SweepExecutor | null): SweepExecutor {
  const kind = options.executor ?? previous?.kind ?? (Object.keys(options.slurm).length > 0 ? 'slurm' : 'local')
  if (previous && kind !== previous.kind) throw new UsageError(`this sweep runs on ${previous.kind}; --executor cannot change it on --resume`)
  if (kind === 'local') {
    if (Object.keys(options.slurm).length > 0) throw new UsageError('Slurm options need --executor slurm')
    return { kind: 'local', parallel: options.parallel ?? (previous?.kind === 'local' ? previous.parallel : 1) }
  }
  if (options.parallel !== null) throw new UsageError('--parallel is for the local executor; Slurm runs what the cluster allows')
  const base = previous?.kind === 'slurm' ? previous : { ...SlurmOptionsShapeSchema.parse({}), kind: 'slurm' as const }
  return { ...base, ...options.slurm, kind: 'slurm' }
}

async function report(writer: SweepManifestWriter): Promise<void> {
  const results = new Map(await Promise.all(writer.manifest.runs.map(async (r) => [r.index, await readRunResult(writer.dir, r)] as const)))
  say(`\n${formatSweepReport(writer.manifest, results, writer.dir)}`)
}

async function runLocal(writer: SweepManifestWriter, executor: Extract<SweepExecutor, { kind: 'local' }>, onEvent: (e: RunEvent) => void): Promise<number | null> {
  // N runs at once share the cores: each wasm runner gets its part unless the user chose.
  const env = { ...process.env, ...trainingThreadsEnv('auto', availableParallelism(), executor.parallel, process.env) }
  const local = new LocalSweepExecutor(writer, { command: process.execPath, args: ['--import', TSX, EXPERIMENT], env }, onEvent)
  const interrupt = new Interrupt({
    onFirst: (signal) => {
      say(`${signal === 'SIGINT' ? 'Interrupted' : 'Terminated'}: each live run checkpoints after its step (Ctrl-C again to quit at once)...`)
      local.stop(signal)
    },
    exitNow: (code) => {
      local.stop('SIGKILL')
      process.exit(code)
    }
  })
  interrupt.install()
  const todo = writer.manifest.runs.filter((r) => r.state !== 'finished').map((r) => r.index)
  try {
    await local.run(todo, executor.parallel)
  } finally {
    interrupt.uninstall()
  }
  return interrupt.exitCode
}

async function runSlurm(writer: SweepManifestWriter, options: SweepCliOptions, onEvent: (e: RunEvent) => void): Promise<number | null> {
  const ex = writer.manifest.executor
  if (ex.kind !== 'slurm') throw new Error('not a Slurm sweep')
  const host = ex.ssh ? sshSlurmHost(ex.ssh, ex.sshArgs) : localSlurmHost()
  const slurm = new SlurmSweepExecutor(host, writer, ex, ex.remoteProjectDir ?? ROOT, onEvent)
  await slurm.poll()
  const again = writer.manifest.runs.filter((r) => r.state === 'pending' || isResumableRunState(r.state)).map((r) => r.index)
  if (again.length > 0) {
    const id = await slurm.submit(again)
    say(`Submitted job array ${id} (${again.length} task${again.length > 1 ? 's' : ''}) on ${host.where}`)
  }
  if (options.detach) {
    say(`Detached; follow again with: npm run sweep -- --resume ${shellQuote(writer.dir)}`)
    return 0
  }
  let stop = false
  const onSignal = (): void => {
    if (!stop) say(`Stopped following; the jobs go on (npm run sweep -- --resume ${shellQuote(writer.dir)} follows again, --cancel ${shellQuote(writer.dir)} cancels them)`)
    stop = true
  }
  process.on('SIGINT', onSignal)
  try {
    await slurm.follow(options.pollSec * 1000, () => stop)
  } finally {
    process.off('SIGINT', onSignal)
  }
  return stop ? 130 : null
}

/** A sweep.json the CLI refuses (damaged, a run name that escapes, a symlink) is the user's input at fault: exit 2. */
const readForCli = (flag: string, dir: string): Promise<SweepManifest> =>
  readSweepManifest(dir).catch((error: Error) => {
    throw new UsageError(`${flag}: ${error.message}`)
  })

async function cancel(dir: string, names: string[], typed: SweepCliOptions['slurm']): Promise<number> {
  const manifest = await readForCli('--cancel', dir)
  if (manifest.executor.kind !== 'slurm') throw new UsageError(`${dir} runs locally; Ctrl-C its npm run sweep to stop it`)
  const ex = { ...manifest.executor, ...typed, kind: 'slurm' as const }
  checkSweepFileOptions(dir, ex, typed, false)
  const unknown = names.filter((n) => !manifest.runs.some((r) => r.name === n))
  if (unknown.length > 0) throw new UsageError(`--run: no run ${unknown.join(', ')} in ${dir} (runs: ${manifest.runs.map((r) => r.name).join(', ')})`)
  const indices = names.length > 0 ? manifest.runs.filter((r) => names.includes(r.name)).map((r) => r.index) : undefined
  const host = ex.ssh ? sshSlurmHost(ex.ssh, ex.sshArgs) : localSlurmHost()
  // The manifest is written only by whoever follows the sweep; without one, by us.
  const lock = await SessionLock.acquire(dir).catch(() => null)
  const writer = new SweepManifestWriter(dir, manifest)
  const cancelled = await new SlurmSweepExecutor(host, writer, ex, ex.remoteProjectDir ?? ROOT).cancel(indices)
  say(cancelled.length ? `Cancelled ${cancelled.map((r) => `${r.name} (${r.jobId})`).join(', ')}` : 'No unfinished jobs to cancel')
  if (lock) {
    await new SlurmSweepExecutor(host, writer, ex, ex.remoteProjectDir ?? ROOT).follow(1000, () => cancelled.every((r) => isFinalRunState(writer.manifest.runs[r.index].state)))
    await writer.flush()
    await lock.release()
  }
  return 0
}

async function main(argv: string[]): Promise<number> {
  const options = parseSweepArgs(argv)
  if (options.help) {
    say(SWEEP_USAGE)
    return 0
  }
  if (options.cancel !== null) return cancel(resolve(options.cancel), options.runs, options.slurm)
  let manifest: SweepManifest
  let dir: string
  if (options.resume !== null) {
    if (options.out !== null) throw new UsageError('--resume continues the sweep in its own folder; --out cannot be given')
    dir = resolve(options.resume)
    manifest = await readForCli('--resume', dir)
    manifest = { ...manifest, executor: executorFor(options, manifest.executor) }
    checkSweepFileOptions(dir, manifest.executor, options.slurm, true)
  } else {
    const spec = parseSweepSpec(await readSpec(options.spec as string))
    const points = expandSweep(spec)
    const executor = executorFor(options, null)
    dir = await outFolder(options.out, spec.name)
    manifest = await createSweepFolder(dir, spec, points, executor, Date.now())
  }
  const lock = await SessionLock.acquire(dir)
  const writer = new SweepManifestWriter(dir, manifest)
  await writer.update((m) => m)
  const total = manifest.runs.length
  const ex = manifest.executor
  const left = manifest.runs.filter((r) => r.state !== 'finished').length
  say(`Sweep "${manifest.spec.name}": ${total} runs (${Object.keys(manifest.spec.grid).join(' x ')}), ${left} to run, on ${ex.kind === 'local' ? `this machine, ${ex.parallel} at a time` : `Slurm${ex.ssh ? ` via ssh ${ex.ssh}` : ''}`}`)
  say(`Sweep folder: ${dir}`)
  const onEvent = (event: RunEvent): void => say(formatEvent(event, total))
  let interrupted: number | null
  try {
    interrupted = ex.kind === 'local' ? await runLocal(writer, ex, onEvent) : await runSlurm(writer, options, onEvent)
    await writer.flush()
  } finally {
    await lock.release()
  }
  if (options.detach) return 0
  await report(writer)
  if (interrupted !== null) {
    say(`Continue with: npm run sweep -- --resume ${shellQuote(dir)}`)
    return interrupted
  }
  return writer.manifest.runs.every((r) => r.state === 'finished') ? 0 : 1
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof AppError && (error.code === 'invalid-config' || error.code === 'already-exists'))) {
      process.stderr.write(`sweep: ${oneLine(error.message)}\nRun with --help for the options.\n`)
      process.exit(2)
    }
    const payload = toErrorPayload(error)
    process.stderr.write(`sweep: ${oneLine(payload.message)} [${payload.code}]\n`)
    process.exit(error instanceof AppError && error.code === 'conflict' ? 2 : 1)
  }
)
