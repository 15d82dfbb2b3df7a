// One run: its public RunInfo, its worker, and the translation of worker events into
// renderer events (metrics and progress batched, everything else as it comes).
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import type { AppErrorPayload } from '../../shared/errors'
import type { StepMetrics } from '../../shared/metrics'
import type { RunFailure, RunInfo, RunState } from '../../shared/runs'
import { parseWorkerEvent } from '../../shared/worker-events'
import { assertNever, type WorkerCommand, type WorkerEvent } from '../../shared/worker-protocol'
import type { EventSink } from '../ipc/handler-types'
import { Batcher } from './run-manager-batcher'
import type { WorkerExitInfo, WorkerHandle, WorkerSpawner, WorkerSpawnOptions } from './run-manager-types'


/** After 'done', a worker that does not exit within this is killed (its work is saved). */
const EXIT_AFTER_DONE_MS = 10_000

export interface SlotOptions {
  runId: string
  sessionId: string
  dir: string
  config: ExperimentConfig
  resume: boolean
  events: EventSink
  intervalMs: number
  now: () => number
  onExit: (slot: RunSlot, info: WorkerExitInfo) => void
}

export class RunSlot {
  readonly info: RunInfo
  readonly dir: string
  readonly resume: boolean
  readonly settled: Promise<void>
  private resolveSettled: () => void = () => undefined
  private worker: WorkerHandle | null = null
  private ready = false
  private done: { status: 'finished' | 'stopped'; step: number } | null = null
  private workerError: AppErrorPayload | null = null
  private stopReason: 'user' | 'quit' | null = null
  private killedAfterMs: number | null = null
  private readonly metrics: Batcher<StepMetrics>
  private readonly changes: Batcher<true>

  constructor(private readonly options: SlotOptions) {
    this.dir = options.dir
    this.resume = options.resume
    this.settled = new Promise((resolve) => (this.resolveSettled = resolve))
    this.info = {
      runId: options.runId,
      sessionId: options.sessionId,
      name: options.config.name || options.sessionId,
      state: 'queued',
      config: options.config,
      backend: null,
      progress: { step: 0, totalSteps: options.config.steps, stepsPerSec: 0, imagesPerSec: 0, etaSec: null },
      startedAt: null,
      endedAt: null,
      failure: null,
      lastEval: null
    }
    const { runId, sessionId } = options
    this.metrics = new Batcher((records) => options.events('runs:metrics', { runId, sessionId, records }), options.intervalMs)
    this.changes = new Batcher(() => this.announce(), options.intervalMs)
  }

  snapshot(): RunInfo {
    return structuredClone(this.info)
  }

  announce(): void {
    this.options.events('runs:changed', this.snapshot())
  }

  send(cmd: WorkerCommand): void {
    this.worker?.send(cmd)
  }

  launch(spawner: WorkerSpawner, options: WorkerSpawnOptions): void {
    this.setState('starting')
    this.info.startedAt = this.options.now()
    try {
      const worker = spawner.spawn(options)
      this.worker = worker
      worker.onMessage((message) => this.onMessage(message))
      worker.onExit((info) => this.onExit(info))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.finish('failed', { error: { code: 'worker-crashed', message: `could not start the worker: ${message}` } }, this.options.now())
      this.options.onExit(this, { code: null, signal: null, reason: message })
    }
  }

  requestStop(reason: 'user' | 'quit'): void {
    if (this.stopReason) return
    this.stopReason = reason
    this.setState('stopping')
    // Before 'ready' there is nothing to checkpoint: end the process.
    if (this.ready) this.send({ type: 'stop', reason })
    else this.worker?.kill()
  }

  killForShutdown(afterMs: number): void {
    this.killedAfterMs = afterMs
    this.worker?.kill()
  }

  finish(state: 'finished' | 'stopped' | 'failed', failure: RunFailure | null, now: number): void {
    this.metrics.flush()
    this.info.failure = failure
    this.info.endedAt = now
    this.setState(state)
    this.resolveSettled()
  }

  private setState(state: RunState): void {
    this.metrics.flush()
    this.info.state = state
    this.announce()
  }

  /** A malformed message fails the run and ends its worker; main never acts on it. */
  private onMessage(message: unknown): void {
    const checked = parseWorkerEvent(message)
    if (checked.ok) return this.onEvent(checked.event)
    if (this.workerError) return
    this.workerError = { code: 'worker-crashed', message: `the training worker sent ${checked.problem} and was stopped` }
    this.worker?.kill()
  }

  private onEvent(event: WorkerEvent): void {
    switch (event.type) {
      case 'ready':
        this.ready = true
        if (this.stopReason) return this.worker?.kill()
        return this.send({ type: 'start', runId: this.info.runId, config: this.info.config, sessionDir: this.dir, resume: this.resume })
      case 'started':
        this.info.backend = event.backend
        this.info.progress = { ...this.info.progress, step: event.startStep }
        if (!this.stopReason) this.setState('running')
        return
      case 'progress':
        this.info.progress = event.progress
        return this.changes.push([true])
      case 'metrics':
        return this.metrics.push(event.records)
      case 'eval':
        this.metrics.flush()
        this.info.lastEval = event.record
        return this.options.events('runs:eval', { ...this.ids(), record: event.record })
      case 'sweep':
        this.metrics.flush()
        return this.options.events('runs:sweep', { ...this.ids(), record: event.record })
      case 'samples':
        this.metrics.flush()
        return this.options.events('runs:samples', { ...this.ids(), step: event.step })
      case 'checkpoint':
        return
      case 'paused':
        // Progress events are throttled; the pause names the step it holds at.
        this.info.progress = { ...this.info.progress, step: event.step }
        if (!this.stopReason) this.setState('paused')
        return
      case 'resumed':
        if (!this.stopReason) this.setState('running')
        return
      case 'log':
        return this.options.events('runs:log', { runId: this.info.runId, level: event.level, message: event.message, time: this.options.now() })
      case 'done':
        this.done = { status: event.status, step: event.step }
        this.info.progress = { ...this.info.progress, step: event.step, etaSec: 0 }
        setTimeout(() => this.worker?.kill(), EXIT_AFTER_DONE_MS).unref()
        return
      case 'error':
        this.workerError = event.error
        return
      default:
        assertNever(event)
    }
  }

  private ids(): { runId: string; sessionId: string } {
    return { runId: this.info.runId, sessionId: this.info.sessionId }
  }

  private onExit(info: WorkerExitInfo): void {
    this.worker = null
    const now = this.options.now()
    const exit = { reason: info.reason, exitCode: info.code, signal: info.signal }
    if (this.workerError) this.finish('failed', { error: this.workerError, ...exit }, now)
    else if (this.done) this.finish(this.done.status, null, now)
    else if (this.stopReason && !this.ready) this.finish('stopped', null, now)
    else if (this.killedAfterMs !== null) {
      const message = `the worker did not stop within ${this.killedAfterMs} ms of quitting and was killed`
      this.finish('failed', { error: { code: 'worker-crashed', message }, ...exit }, now)
    } else {
      const how = info.signal ? `signal ${info.signal}` : `exit code ${info.code}`
      const message = `the training worker died (${how})${info.reason ? `: ${info.reason}` : ''}`
      this.finish('failed', { error: { code: 'worker-crashed', message }, ...exit }, now)
    }
    this.options.onExit(this, info)
  }
}
