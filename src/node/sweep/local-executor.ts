// Runs a sweep's runs on this machine, `parallel` at a time, each in its own runner process
// (the headless `npm run experiment`), output appended to logs/task-<index>.log. stop()
// forwards a signal to the live runners, which checkpoint and exit; runs not yet started
// stay pending, so --resume picks up both.
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { constants } from 'node:os'
import type { SweepRunEntry, SweepRunState } from '../../shared/sweep-manifest'
import { planRunLaunch } from './run-launch'
import { runLogPath, type SweepManifestWriter } from './sweep-folder'

/** The runner to start: a program and the arguments before the run's own. */
export interface RunnerCommand {
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
}

export interface RunEvent {
  run: SweepRunEntry
  /** What happened, in words ("started", "resuming from its checkpoint at step 20", "exit code 1"). */
  detail: string
}

/** A runner's exit as a run state: 0 finished, 130/143 (Ctrl-C, SIGTERM: checkpointed) stopped. */
export function localExitState(code: number | null, signal: NodeJS.Signals | null): { state: SweepRunState; exitCode: number | null; signal: number | null } {
  const signalNumber = signal ? constants.signals[signal] : null
  if (code === 0) return { state: 'finished', exitCode: 0, signal: null }
  if (code === 130 || code === 143) return { state: 'stopped', exitCode: code, signal: code - 128 }
  return { state: 'failed', exitCode: code, signal: signalNumber }
}

export class LocalSweepExecutor {
  private readonly live = new Map<number, ChildProcess>()
  private stopping: NodeJS.Signals | null = null

  constructor(
    private readonly writer: SweepManifestWriter,
    private readonly runner: RunnerCommand,
    private readonly onEvent: (event: RunEvent) => void = () => undefined
  ) {}

  get liveCount(): number {
    return this.live.size
  }

  /** Runs the listed runs (by index) to the end, `parallel` at a time. */
  async run(indices: number[], parallel: number): Promise<void> {
    const queue = [...indices]
    const worker = async (): Promise<void> => {
      for (let index = queue.shift(); index !== undefined && this.stopping === null; index = queue.shift()) await this.runOne(index)
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, indices.length)) }, worker))
  }

  /** Asks every live runner to checkpoint and exit; no new run starts. */
  stop(signal: NodeJS.Signals = 'SIGINT'): void {
    this.stopping = signal
    for (const child of this.live.values()) child.kill(signal)
  }

  private entry(index: number): SweepRunEntry {
    const run = this.writer.manifest.runs.find((r) => r.index === index)
    if (!run) throw new Error(`sweep has no run ${index}`)
    return run
  }

  private async update(index: number, change: Partial<SweepRunEntry>, detail: string): Promise<void> {
    await this.writer.updateRun(index, change)
    this.onEvent({ run: this.entry(index), detail })
  }

  private async runOne(index: number): Promise<void> {
    const run = this.entry(index)
    let launch
    try {
      launch = await planRunLaunch(this.writer.dir, run)
    } catch (error) {
      await this.update(index, { state: 'failed', exitCode: null, signal: null }, (error as Error).message)
      return
    }
    if (launch.kind === 'done') {
      await this.update(index, { state: 'finished', exitCode: 0, signal: null }, launch.note)
      return
    }
    const log = openSync(runLogPath(this.writer.dir, run), 'a')
    let child: ChildProcess
    try {
      child = spawn(this.runner.command, [...this.runner.args, ...launch.args], { stdio: ['ignore', log, log], env: this.runner.env ?? process.env })
    } finally {
      closeSync(log)
    }
    this.live.set(index, child)
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('error', () => resolve({ code: null, signal: null }))
      child.on('exit', (code, signal) => resolve({ code, signal }))
    })
    await this.update(index, { state: 'running', attempts: run.attempts + 1, exitCode: null, signal: null }, launch.note ?? (launch.kind === 'resume' ? 'resuming' : 'started'))
    // A stop that came while this one was being spawned.
    if (this.stopping) child.kill(this.stopping)
    const { code, signal } = await exited
    this.live.delete(index)
    const outcome = localExitState(code, signal)
    const detail = outcome.state === 'finished' ? 'finished' : outcome.state === 'stopped' ? 'stopped with a checkpoint' : `exit ${code ?? signal ?? 'unknown'} (see ${runLogPath(this.writer.dir, run)})`
    await this.update(index, outcome, detail)
  }
}
