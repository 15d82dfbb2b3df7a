// Owns training runs: one worker process per run, a queue bounded by the concurrency
// setting, batched streaming to the renderer, and crash isolation (a dead worker fails its
// run only; its session keeps the last checkpoint and can be continued).
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { requireValidConfig, type ExperimentConfig } from '../../shared/config/experiment-config'
import { refuseMainOwnedFields } from '../../shared/config/main-owned-fields'
import { AppError } from '../../shared/errors'
import { lockHolder } from '../../node/session/session-lock'
import { SessionWriter } from '../../node/session/session-writer'
import { resumeRefusal } from '../../shared/resume-rule'
import { isRunActive as isActive, type RunInfo } from '../../shared/runs'
import { RunSlot } from './run-manager-slot'
import { createRunSession, markSessionStatus, readResumePoint } from './run-manager-session'
import type { RunManagerDeps, WorkerExitInfo } from './run-manager-types'
import { sessionIdForPath } from './session-store-ids'

export type { RunManagerDeps, WorkerExitInfo, WorkerHandle, WorkerSpawner } from './run-manager-types'

export type ContinueRef = { sessionId: string } | { sessionDir: string }

export class RunManager {
  private readonly slots = new Map<string, RunSlot>()
  /** Manifest writes in flight per folder: a continue waits for them, so it never races one. */
  private readonly statusWrites = new Map<string, Promise<void>>()
  private readonly now: () => number
  private closing = false

  constructor(private readonly deps: RunManagerDeps) {
    this.now = deps.now ?? Date.now
  }

  /** A new run from the renderer's config: refused (invalid-payload) when the built config sets a field only main sets. */
  async start(configInput: unknown): Promise<RunInfo> {
    this.refuseWhenClosing()
    const built = requireValidConfig(configInput)
    refuseMainOwnedFields(built)
    const config = this.withImportedData(built)
    const dir = await createRunSession(this.deps.sessionsDir(), config, this.deps.versions, this.now())
    return this.enqueue(dir, config, false)
  }

  /** A new run in a folder main chose (a sweep's run folder): created empty, queued like start(). */
  async startInFolder(dir: string, configInput: unknown): Promise<RunInfo> {
    this.refuseWhenClosing()
    const config = this.withImportedData(requireValidConfig(configInput))
    await SessionWriter.create(dir, { name: config.name || basename(dir), config, versions: this.deps.versions, now: this.now() })
    return this.enqueue(dir, config, false)
  }

  /** Resume a saved session from its checkpoint as a new segment (extraSteps beyond it, or up to config.steps). */
  async continueSession(ref: ContinueRef, extraSteps?: number): Promise<RunInfo> {
    this.refuseWhenClosing()
    const dir = 'sessionDir' in ref ? ref.sessionDir : await this.resolve(ref.sessionId)
    const busy = this.activeSlotIn(dir)
    if (busy) throw new AppError('conflict', `session ${busy.info.sessionId} already has an active run (${busy.info.runId})`)
    await this.statusWrites.get(dir)
    // Another process (the CLI, another app instance) may be training in it.
    const holder = await lockHolder(dir)
    if (holder) throw new AppError('conflict', `session ${dir} is in use by another run (process ${holder.pid} on ${holder.host}); stop it first`)
    const point = await readResumePoint(dir)
    const requestedSteps = extraSteps !== undefined && point.checkpointStep !== null ? point.checkpointStep + extraSteps : null
    const refusal = resumeRefusal({ checkpointStep: point.checkpointStep, plannedSteps: point.config.steps, requestedSteps })
    if (refusal) throw new AppError('conflict', `cannot continue session ${dir}: ${refusal.replace(/ask for more than \d+ steps/, 'give extra steps')}`)
    const config: ExperimentConfig = this.withImportedData(structuredClone(point.config))
    if (requestedSteps !== null) config.steps = requestedSteps
    return this.enqueue(dir, config, true)
  }

  pause(runId: string): RunInfo {
    const slot = this.get(runId)
    if (slot.info.state !== 'running') throw this.wrongState(slot, 'pause')
    slot.send({ type: 'pause' })
    return slot.snapshot()
  }

  resume(runId: string): RunInfo {
    const slot = this.get(runId)
    if (slot.info.state !== 'paused') throw this.wrongState(slot, 'resume')
    slot.send({ type: 'resume' })
    return slot.snapshot()
  }

  async stop(runId: string): Promise<RunInfo> {
    const slot = this.get(runId)
    if (slot.info.state === 'queued') {
      slot.finish('stopped', null, this.now())
      // A queued continue leaves its session as it was; a new session never ran: 'stopped'.
      if (!slot.resume) await this.writeStatus(slot, 'stopped', null)
      return slot.snapshot()
    }
    if (!isActive(slot.info.state)) throw this.wrongState(slot, 'stop')
    slot.requestStop('user')
    return slot.snapshot()
  }

  sweepNow(runId: string): RunInfo {
    const slot = this.get(runId)
    if (slot.info.state !== 'running' && slot.info.state !== 'paused') throw this.wrongState(slot, 'sweep')
    slot.send({ type: 'sweep-now' })
    return slot.snapshot()
  }

  list(): RunInfo[] {
    return [...this.slots.values()].map((slot) => slot.snapshot())
  }

  get(runId: string): RunSlot {
    const slot = this.slots.get(runId)
    if (!slot) throw new AppError('not-found', `no run ${runId}`)
    return slot
  }

  /** Whether a queued or live run writes to this session folder (the store refuses to delete it). */
  isSessionBusy(dir: string): boolean {
    return this.activeSlotIn(dir) !== undefined
  }

  private activeSlotIn(dir: string): RunSlot | undefined {
    return [...this.slots.values()].find((slot) => slot.dir === dir && isActive(slot.info.state))
  }

  /** Resolves when the run reaches a final state. */
  whenSettled(runId: string): Promise<RunInfo> {
    const slot = this.get(runId)
    return slot.settled.then(() => slot.snapshot())
  }

  /** On quit: queued runs are dropped, live ones checkpoint and exit within timeoutMs, then are killed. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true
    const waits: Promise<void>[] = []
    for (const slot of this.slots.values()) {
      if (slot.info.state === 'queued') {
        slot.finish('stopped', null, this.now())
        if (!slot.resume) waits.push(this.writeStatus(slot, 'stopped', null))
      } else if (isActive(slot.info.state)) {
        slot.requestStop('quit')
        waits.push(slot.settled)
      }
    }
    const all = Promise.all(waits).then(() => true)
    if (await within(all, timeoutMs)) return
    for (const slot of this.slots.values()) if (isActive(slot.info.state)) slot.killForShutdown(timeoutMs)
    await within(all, 2000)
  }

  private enqueue(dir: string, config: ExperimentConfig, resume: boolean): RunInfo {
    const runId = `run-${randomUUID().slice(0, 8)}`
    const sessionId = sessionIdForPath(dir, this.deps.sessionsDir())
    const slot = new RunSlot({
      runId,
      sessionId,
      dir,
      config,
      resume,
      events: this.deps.events,
      intervalMs: this.deps.metricsIntervalMs ?? 50,
      now: this.now,
      onExit: (exited, info) => void this.afterExit(exited, info)
    })
    this.slots.set(runId, slot)
    slot.announce()
    this.deps.events('sessions:changed', { sessionId })
    this.pump()
    return slot.snapshot()
  }

  /** Starts queued runs the concurrency limit now allows (call after the setting changes). */
  refreshQueue(): void {
    this.pump()
  }

  private pump(): void {
    if (this.closing) return
    const limit = Math.max(1, this.deps.maxConcurrent())
    let live = [...this.slots.values()].filter((slot) => isActive(slot.info.state) && slot.info.state !== 'queued').length
    for (const slot of this.slots.values()) {
      if (live >= limit) break
      if (slot.info.state !== 'queued') continue
      slot.launch(this.deps.spawner, { env: this.deps.workerEnv?.() ?? {} })
      live++
    }
  }

  private async afterExit(slot: RunSlot, info: WorkerExitInfo): Promise<void> {
    const failure = slot.info.failure
    if (slot.info.state === 'failed' && failure) {
      await this.writeStatus(slot, 'failed', { code: failure.error.code, message: failure.error.message })
    }
    if (info.code !== 0 && slot.info.state !== 'failed') this.log(`run ${slot.info.runId} worker exited with ${info.code ?? info.signal}`)
    this.deps.events('sessions:changed', { sessionId: slot.info.sessionId })
    this.pump()
  }

  private writeStatus(slot: RunSlot, status: 'stopped' | 'failed', error: { code: string; message: string } | null): Promise<void> {
    const dir = slot.dir
    const write = markSessionStatus(dir, status, error, this.now(), slot.info.progress.step).catch((cause) => this.log(cause))
    this.statusWrites.set(dir, write)
    void write.then(() => {
      if (this.statusWrites.get(dir) === write) this.statusWrites.delete(dir)
    })
    return write
  }

  private async resolve(sessionId: string): Promise<string> {
    if (!this.deps.resolveSession) throw new AppError('not-implemented', 'run manager cannot resolve session ids')
    return this.deps.resolveSession(sessionId)
  }

  /**
   * CIFAR is read from the copy imported in the Datasets view (main's record, not the caller's):
   * a dataDir from anywhere else (a sweep.json, a session folder) never reaches the worker.
   */
  private withImportedData(config: ExperimentConfig): ExperimentConfig {
    const { dataDir: _ignored, ...dataset } = config.dataset
    const path = config.dataset.id === 'mnist' ? null : (this.deps.datasetPath?.(config.dataset.id) ?? null)
    return { ...config, dataset: path === null ? dataset : { ...dataset, dataDir: path } }
  }

  private refuseWhenClosing(): void {
    if (this.closing) throw new AppError('conflict', 'the app is shutting down; no new runs')
  }

  private wrongState(slot: RunSlot, verb: string): AppError {
    return new AppError('conflict', `cannot ${verb} run ${slot.info.runId}: it is ${slot.info.state}`)
  }

  private log(message: unknown): void {
    const text = message instanceof Error ? message.message : String(message)
    ;(this.deps.log ?? ((line: string) => console.warn(`[runs] ${line}`)))(text)
  }
}

/** True when the promise settles within ms; the timer never outlives it. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  try {
    return await Promise.race([promise.then(() => true as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}
