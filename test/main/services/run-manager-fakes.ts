// A scripted stand-in for a worker process, so the run manager's bookkeeping can be driven
// step by step and at any speed (the integration tests use real workers).
import type { StepMetrics } from '../../../src/shared/metrics'
import type { WorkerCommand, WorkerEvent } from '../../../src/shared/worker-protocol'
import type { WorkerExitInfo, WorkerHandle, WorkerSpawner, WorkerSpawnOptions } from '../../../src/main/services/run-manager-types'

export class ScriptedWorker implements WorkerHandle {
  readonly pid = Math.floor(Math.random() * 1e6)
  readonly sent: WorkerCommand[] = []
  private messageCbs: ((message: unknown) => void)[] = []
  private exitCbs: ((info: WorkerExitInfo) => void)[] = []
  exited = false
  /** What the worker does with each command; the default acts like a well-behaved worker. */
  onCommand: (cmd: WorkerCommand, worker: ScriptedWorker) => void = defaultBehaviour

  constructor() {
    setImmediate(() => this.emit({ type: 'ready', pid: this.pid }))
  }

  send(cmd: WorkerCommand): void {
    this.sent.push(cmd)
    setImmediate(() => this.onCommand(cmd, this))
  }
  onMessage(cb: (message: unknown) => void): void {
    this.messageCbs.push(cb)
  }
  onExit(cb: (info: WorkerExitInfo) => void): void {
    this.exitCbs.push(cb)
  }
  kill(): void {
    this.exit({ code: null, signal: 'SIGKILL', reason: 'killed' })
  }
  emit(event: WorkerEvent): void {
    this.emitRaw(event)
  }
  /** Anything at all, as a broken worker might send it. */
  emitRaw(message: unknown): void {
    if (!this.exited) for (const cb of this.messageCbs) cb(message)
  }
  exit(info: WorkerExitInfo): void {
    if (this.exited) return
    this.exited = true
    setImmediate(() => this.exitCbs.forEach((cb) => cb(info)))
  }
}

function defaultBehaviour(cmd: WorkerCommand, worker: ScriptedWorker): void {
  if (cmd.type === 'start') {
    worker.emit({ type: 'started', backend: { name: 'cpu', device: 'js-cpu', detail: 'fake' }, startStep: 0, segment: 0, numUnlabeled: 100 })
  } else if (cmd.type === 'stop') {
    worker.emit({ type: 'checkpoint', step: 0 })
    worker.emit({ type: 'done', status: 'stopped', step: 0 })
    worker.exit({ code: 0, signal: null })
  } else if (cmd.type === 'pause') worker.emit({ type: 'paused', step: 0 })
  else if (cmd.type === 'resume') worker.emit({ type: 'resumed', step: 0 })
}

export class ScriptedSpawner implements WorkerSpawner {
  readonly workers: ScriptedWorker[] = []
  /** What each spawn was given, in order. */
  readonly options: WorkerSpawnOptions[] = []
  spawn(options: WorkerSpawnOptions = {}): ScriptedWorker {
    const worker = new ScriptedWorker()
    this.workers.push(worker)
    this.options.push(options)
    return worker
  }
}

export function stepRecord(step: number): StepMetrics {
  return {
    step,
    time: 1_700_000_000_000 + step,
    segment: 0,
    lr: 0.03,
    lossX: 1 / step,
    lossU: 0.5,
    loss: 1 / step + 0.5,
    plAccAll: (step % 10) / 10,
    maskRate: 0.2,
    plAccMasked: null,
    confidentWrong: step % 3,
    maskedCount: 2,
    unlabeledBatch: 16,
    meanConfidence: 0.7,
    stepMs: 1,
    classPseudo: [],
    classTrue: [],
    classCorrect: []
  }
}

export const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the predicate holds, polling; fails the test after timeoutMs. */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await tick(5)
  }
}
