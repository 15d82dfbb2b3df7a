// The world both fuzzers act in: the real services and handler table on a temp folder, with
// a "home" and an "outside" folder beside the app's own, a sentinel path that nothing may
// create, Slurm commands that record their calls (and create their --output/--error files, as
// Slurm does), workers that record the configs they would train, and no network.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { ERROR_CODES } from '../../src/shared/errors'
import { isRunFinal } from '../../src/shared/runs'
import type { IpcResult } from '../../src/shared/contract'
import type { ExperimentConfig } from '../../src/shared/config/experiment-config'
import { createHandlerTable } from '../../src/main/handlers'
import { dispatch } from '../../src/main/ipc/handle'
import type { HandlerTable } from '../../src/main/ipc/handler-types'
import { createServices, type AppServices } from '../../src/main/services/services'
import { ScriptedSpawner } from '../main/services/run-manager-fakes'
import { changes, snapshotTree, type TreeSnapshot } from './tree-snapshot'

const FAKE_SBATCH = `#!/bin/sh
echo "sbatch $*" >> "$FUZZ_SLURM_LOG"
prev=""
for a in "$@"; do
  case "$a" in --output=*|--error=*) touch -- "\${a#*=}" 2>/dev/null;; -o?*|-e?*) touch -- "\${a#-?}" 2>/dev/null;; esac
  case "$prev" in -o|-e|--output|--error) touch -- "$a" 2>/dev/null;; esac
  prev="$a"
done
echo 4242
`
const FAKE_QUIET = (name: string): string => `#!/bin/sh\necho "${name} $*" >> "$FUZZ_SLURM_LOG"\n`

export interface FuzzWorld {
  root: string
  /** The app's own folder (settings, sessions, sweeps, datasets): the only place it may write. */
  appDir: string
  home: string
  outside: string
  /** A path no call may create: the hostile options and paths name it. */
  sentinel: string
  /** Its file name, looked for in the shared temp folder and the working directory too. */
  token: string
  services: AppServices
  table: HandlerTable
  spawner: ScriptedSpawner
  call(channel: string, payload: unknown, timeoutMs?: number): Promise<IpcResult<unknown>>
  snapshot(): TreeSnapshot
  /** What changed outside the app's folder since the snapshot, plus any sentinel that appeared. */
  trespass(before: TreeSnapshot): string[]
  /** Start commands (of workers spawned from index `from` on) whose config names a data folder main did not choose. */
  foreignDataDirs(from?: number): string[]
  /** Stops every run still going, so each case stays short. */
  settle(): Promise<void>
  dispose(): Promise<void>
}

/** Why an answer is not {ok:true} or a typed refusal, or null when it is one. */
export function untypedAnswer(result: unknown): string | null {
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (r?.ok === true) return null
  if (r?.ok !== false || !r.error) return `not an IPC result: ${JSON.stringify(result)}`
  const { code, message } = r.error
  if (!(ERROR_CODES as readonly unknown[]).includes(code) || code === 'internal') return `untyped error ${String(code)}: ${String(message)}`
  if (typeof message !== 'string' || message.trim() === '') return `error ${String(code)} without a message`
  return null
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const roots: string[] = []

/** Deletes the folders of every disposed world (call once, after all of them). */
export async function removeFuzzRoots(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
}

export function createFuzzWorld(name: string): FuzzWorld {
  const root = mkdtempSync(join(tmpdir(), `pseudoscope-fuzz-${name}-`))
  const [appDir, home, outside, bin, logs] = ['app', 'home', 'outside', 'bin', 'slurm-calls'].map((d) => join(root, d))
  for (const d of [appDir, join(home, 'Documents'), join(home, '.ssh'), outside, bin, logs]) mkdirSync(d, { recursive: true })
  writeFileSync(join(home, 'Documents', 'thesis.tex'), 'precious')
  writeFileSync(join(home, '.ssh', 'id_ed25519'), 'secret key')
  writeFileSync(join(outside, 'notes.txt'), 'keep me')
  const token = `fuzz-pwned-${process.pid}`
  const sentinel = join(outside, token)
  writeFileSync(join(bin, 'sbatch'), FAKE_SBATCH)
  for (const cmd of ['squeue', 'scontrol', 'sacct', 'scancel']) writeFileSync(join(bin, cmd), FAKE_QUIET(cmd))
  for (const cmd of ['sbatch', 'squeue', 'scontrol', 'sacct', 'scancel']) chmodSync(join(bin, cmd), 0o755)

  const saved = { path: process.env.PATH, log: process.env.FUZZ_SLURM_LOG, fetch: globalThis.fetch }
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`
  process.env.FUZZ_SLURM_LOG = join(logs, 'calls.log')
  // Downloads fail at once: a test reaches no network.
  globalThis.fetch = (() => Promise.reject(new TypeError('fetch failed: no network in the fuzz tests'))) as typeof fetch

  const spawner = new ScriptedSpawner()
  const services = createServices({
    userDataDir: appDir,
    spawner,
    events: () => undefined,
    shell: { pickOpenPath: async () => null, pickSavePath: async () => null, trash: async (path) => rmSync(path, { recursive: true, force: true }) },
    imageBaseUrl: 'pseudoscope://',
    app: { name: 'pseudoscope', version: '0.0.0-fuzz' },
    probeBackends: async () => []
  })
  const table = createHandlerTable(services)

  return {
    root, appDir, home, outside, sentinel, token, services, table, spawner,
    call: (channel, payload, timeoutMs = 20_000) => withTimeout(dispatch(table, channel, payload), timeoutMs, channel),
    snapshot: () => snapshotTree(root, [appDir, logs]),
    trespass(before) {
      const found = changes(before, snapshotTree(root, [appDir, logs]))
      if (existsSync(sentinel)) found.push(`the sentinel ${sentinel} was created`)
      for (const dir of [process.cwd(), tmpdir()]) {
        for (const entry of readdirSync(dir)) if (entry.includes(token)) found.push(`${join(dir, entry)} appeared`)
      }
      // Cleared once reported, so the next case (or fast-check's shrinking) is judged on its own.
      for (const path of [sentinel, ...[process.cwd(), tmpdir()].flatMap((dir) => readdirSync(dir).filter((e) => e.includes(token)).map((e) => join(dir, e)))]) {
        rmSync(path, { recursive: true, force: true })
      }
      return found
    },
    foreignDataDirs(from = 0) {
      const out: string[] = []
      for (const worker of spawner.workers.slice(from)) {
        for (const cmd of worker.sent) {
          if (cmd.type !== 'start') continue
          const { id, dataDir } = (cmd.config as ExperimentConfig).dataset
          const own = id === 'mnist' ? undefined : (services.datasets.dataPath(id) ?? undefined)
          if (dataDir !== undefined && dataDir !== own) out.push(`${cmd.sessionDir}: dataset.dataDir ${JSON.stringify(dataDir)}`)
        }
      }
      return out
    },
    async settle() {
      for (const run of services.runs.list()) {
        if (!isRunFinal(run.state)) await services.runs.stop(run.runId).catch(() => undefined)
      }
      await Promise.all(services.runs.list().map((run) => withTimeout(services.runs.whenSettled(run.runId), 5000, `run ${run.runId} settling`)))
    },
    async dispose() {
      await services.shutdown(2000)
      process.env.PATH = saved.path
      if (saved.log === undefined) delete process.env.FUZZ_SLURM_LOG
      else process.env.FUZZ_SLURM_LOG = saved.log
      globalThis.fetch = saved.fetch
      // Removed by removeFuzzRoots at the end: a stopped run's sweep.json update may still be on its way.
      roots.push(root)
    }
  }
}
