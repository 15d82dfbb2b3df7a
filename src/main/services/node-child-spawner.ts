// Workers as plain Node children: what tests and benches use in place of Electron's
// utilityProcess (the CLI runs the trainer in-process). Same protocol, over the child's IPC channel.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { WorkerCommand } from '../../shared/worker-protocol'
import type { WorkerExitInfo, WorkerHandle, WorkerSpawner, WorkerSpawnOptions } from './run-manager-types'

export const DEFAULT_WORKER_ENTRY = fileURLToPath(new URL('../../engine/worker/entry.ts', import.meta.url))

export interface NodeChildSpawnerOptions {
  /** The worker script; defaults to the engine's TypeScript entry (run through tsx). */
  entry?: string
  /** Node flags for the child; defaults to ['--import', 'tsx'] for a .ts entry. */
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
  /** Echo the child's stderr to ours (it is always kept for crash reports). */
  echoStderr?: boolean
}

const STDERR_TAIL = 2000

export class NodeChildSpawner implements WorkerSpawner {
  constructor(private readonly options: NodeChildSpawnerOptions = {}) {}

  spawn(options: WorkerSpawnOptions = {}): WorkerHandle {
    const entry = this.options.entry ?? DEFAULT_WORKER_ENTRY
    const execArgv = this.options.execArgv ?? (entry.endsWith('.ts') ? ['--import', 'tsx'] : [])
    const child = fork(entry, [], {
      execArgv,
      env: { ...(this.options.env ?? process.env), ...options.env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Structured clone, as utilityProcess messages are.
      serialization: 'advanced'
    })
    return new NodeChildHandle(child, this.options.echoStderr ?? false)
  }
}

class NodeChildHandle implements WorkerHandle {
  readonly pid?: number
  private stderrTail = ''

  constructor(
    private readonly child: ChildProcess,
    echoStderr: boolean
  ) {
    this.pid = child.pid
    // An unhandled 'error' would take the main process down with the worker.
    child.on('error', () => undefined)
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      if (echoStderr) process.stderr.write(chunk)
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL)
    })
  }

  send(cmd: WorkerCommand): void {
    // A dead child's channel is closed; the exit handler reports it, so a late send is dropped.
    if (this.child.connected) this.child.send(cmd, () => undefined)
  }

  onMessage(cb: (message: unknown) => void): void {
    this.child.on('message', (message) => cb(message))
  }

  onExit(cb: (info: WorkerExitInfo) => void): void {
    let reported = false
    const report = (info: WorkerExitInfo): void => {
      if (reported) return
      reported = true
      cb(info)
    }
    this.child.on('error', (error) => {
      // Failed to spawn at all: there will be no 'exit'.
      if (this.child.pid === undefined) report({ code: null, signal: null, reason: `spawn failed: ${error.message}` })
    })
    // 'close' comes after stdio ends, so the stderr tail is complete.
    this.child.on('close', (code, signal) => {
      const reason = describeExit(code, signal, this.stderrTail)
      report({ code, signal, ...(reason ? { reason } : {}) })
    })
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string | undefined {
  if (code === 0) return undefined
  const cause = errorLine(stderrTail)
  if (signal) {
    const head = signal === 'SIGKILL' ? 'killed' : `signal ${signal}`
    return cause ? `${head}: ${cause}` : head
  }
  return cause || `exit code ${code}`
}

/** The most telling line of a stderr tail: the last 'SomeError: ...' line, else the last line. */
function errorLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const error = [...lines].reverse().find((line) => /^(\w*(Error|Exception)\b|Uncaught|FATAL)/.test(line))
  return (error ?? lines.at(-1) ?? '').slice(0, 500)
}
