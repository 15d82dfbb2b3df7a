// Writes a session folder while a run trains. Metrics appends are buffered (the trainer
// calls every step) and flushed at least once a second; everything else is written
// through a serial queue, so operations land on disk in the order they were called.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackendReport } from '../../shared/backends'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { AppError, toErrorPayload } from '../../shared/errors'
import type { LrSchedule } from '../../shared/lr-schedule'
import type { EvalRecord, SampleState, StepMetrics, SweepRecord } from '../../shared/metrics'
import { SESSION_SCHEMA_VERSION, UiStateSchema, type SessionManifest, type SessionStatus, type UiState } from '../../shared/sessions'
import { appendLines, atomicWriteFile } from './atomic'
import { rewriteJsonl } from './jsonl'
import { LOG_FILES, METRICS_FILE, sampleSnapshotDir, sessionPaths, sweepArraysDir, sweepStepDir, SWEEPS_DIR } from './layout'
import { addSnapshot, closeSegment, dropSnapshotsAfter, openSegment, withStatus } from './manifest-edits'
import { checkManifest, readManifest, updateManifest, writeManifest } from './manifest-file'
import { SessionLock } from './session-lock'
import { assertRealSessionTree } from './session-tree'
import { assertNoSymlinkBelow } from './untrusted-fs'
import { claimFolder, listSweepSteps, logTailIsClean, removeBelow, replaceDir, writeNpyFiles, writeSampleFiles } from './writer-files'

export { readManifest, updateManifest } from './manifest-file'

export interface SessionInit {
  name: string
  config: ExperimentConfig
  versions: Record<string, string>
  /** Creation time (ms); defaults to now. */
  now?: number
}

export interface SweepArrays {
  pseudoLabel: Int16Array | Int32Array
  confidence: Float32Array
}

export interface SessionWriterOptions {
  /** Per-sample snapshots (and sweep array sets) kept; the oldest go first. Default 20. */
  maxSampleSnapshots?: number
  /** Longest a metrics record waits in memory. Default 1000 ms. */
  flushIntervalMs?: number
  /** Buffered records that trigger a flush right away. Default 2048. */
  flushRecords?: number
  now?: () => number
  /** Hold the folder's session.lock from create/open to close (a run's writer does). */
  lock?: boolean
  /**
   * open(): cut a torn last log line at once (default). A resume passes false and lets
   * truncateAfterStep do it, so a resume refused before that leaves the folder untouched.
   */
  repairTail?: boolean
}

export class SessionWriter {
  private buffer: string[] = []
  private timer: NodeJS.Timeout | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private failure: unknown = null
  private closed = false
  private lastStep: number | null = null
  private flushQueued = false
  private readonly maxSnapshots: number
  private readonly flushIntervalMs: number
  private readonly flushRecords: number
  private readonly now: () => number

  private constructor(
    readonly dir: string,
    private current: SessionManifest,
    options: SessionWriterOptions,
    private readonly lock: SessionLock | null
  ) {
    this.maxSnapshots = Math.max(1, options.maxSampleSnapshots ?? 20)
    this.flushIntervalMs = options.flushIntervalMs ?? 1000
    this.flushRecords = options.flushRecords ?? 2048
    this.now = options.now ?? Date.now
  }

  /** Starts a session in a new or empty folder; refuses a folder holding anything else. */
  static async create(dir: string, init: SessionInit, options: SessionWriterOptions = {}): Promise<SessionWriter> {
    const now = init.now ?? (options.now ?? Date.now)()
    const manifest: SessionManifest = {
      schemaVersion: SESSION_SCHEMA_VERSION,
      app: 'pseudoscope',
      name: init.name,
      config: init.config,
      status: 'created',
      createdAt: now,
      updatedAt: now,
      versions: { ...init.versions },
      segments: [],
      checkpointStep: null,
      sampleSnapshots: [],
      error: null
    }
    checkManifest(dir, manifest) // before the folder is touched
    await claimFolder(dir)
    return withLock(dir, options, async (lock) => {
      for (const file of LOG_FILES) await atomicWriteFile(join(dir, file), '')
      await writeManifest(dir, manifest)
      return new SessionWriter(dir, manifest, options, lock)
    })
  }

  /** Opens the session in `dir` when there is one (e.g. the run manager made it), else creates it. */
  static async openOrCreate(dir: string, init: SessionInit, options: SessionWriterOptions = {}): Promise<SessionWriter> {
    const exists = await stat(sessionPaths(dir).manifest).catch(() => null)
    return exists ? SessionWriter.open(dir, options) : SessionWriter.create(dir, init, options)
  }

  /**
   * Opens an existing session to continue it; a torn last log line is cut off first. The
   * folder may come from elsewhere: a symlink or FIFO in its layout is refused before a lock lands.
   */
  static async open(dir: string, options: SessionWriterOptions = {}): Promise<SessionWriter> {
    await readManifest(dir) // a missing or foreign folder is refused before a lock lands in it
    await assertRealSessionTree(dir)
    return withLock(dir, options, async (lock) => {
      const manifest = await readManifest(dir)
      for (const file of options.repairTail === false ? [] : LOG_FILES) {
        const path = join(dir, file)
        if (!(await logTailIsClean(path))) await rewriteJsonl(path, () => true)
      }
      return new SessionWriter(dir, manifest, options, lock)
    })
  }

  /** The manifest as last written by this writer. */
  get manifest(): SessionManifest {
    return this.current
  }

  get paths(): ReturnType<typeof sessionPaths> {
    return sessionPaths(this.dir)
  }

  /** Cheap: buffers the lines; they reach metrics.jsonl within flushIntervalMs or on flush(). */
  appendMetrics(records: StepMetrics[]): void {
    this.check()
    for (const record of records) {
      this.buffer.push(JSON.stringify(record))
      this.lastStep = record.step
    }
    if (this.buffer.length >= this.flushRecords) {
      if (!this.flushQueued) {
        this.flushQueued = true
        void this.flush().catch(() => undefined)
      }
    } else if (this.timer === null && this.buffer.length > 0) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.flushIntervalMs)
      this.timer.unref?.()
    }
  }

  flush(): Promise<void> {
    return this.enqueue(() => this.writeBuffer())
  }

  appendEval(record: EvalRecord): Promise<void> {
    return this.enqueue(() => appendLines(this.paths.evals, [JSON.stringify(record)]))
  }

  appendSweep(record: SweepRecord): Promise<void> {
    return this.enqueue(() => appendLines(this.paths.sweeps, [JSON.stringify(record)]))
  }

  updateManifest(patch: Partial<SessionManifest>): Promise<SessionManifest> {
    return this.enqueue(() => this.change((m) => ({ ...m, ...patch })))
  }

  /** Opens a new segment (first run or a resume) and returns its index, StepMetrics.segment. */
  beginSegment(startStep: number, backend: BackendReport | null, schedule?: LrSchedule): Promise<number> {
    return this.enqueue(async () => {
      const m = await this.change((m) => openSegment(m, startStep, backend, this.now(), schedule))
      return m.segments.length - 1
    })
  }

  endSegment(step: number, status: SessionStatus, error: { code: string; message: string } | null = null): Promise<void> {
    return this.enqueue(async () => {
      await this.writeBuffer()
      await this.change((m) => closeSegment(m, step, status, error, this.now()))
    })
  }

  /** Sets the session status (e.g. paused, running); the open segment follows it. */
  setStatus(status: SessionStatus): Promise<SessionManifest> {
    return this.enqueue(() => this.change((m) => withStatus(m, status)))
  }

  setCheckpointStep(step: number): Promise<SessionManifest> {
    return this.updateManifest({ checkpointStep: step })
  }

  /** Ends the open segment as failed with the error; `step` defaults to the last appended metrics step. */
  fail(error: unknown, step?: number): Promise<void> {
    const payload = toErrorPayload(error)
    const at = step ?? this.lastStep ?? this.current.segments[this.current.segments.length - 1]?.startStep ?? 0
    return this.endSegment(at, 'failed', { code: payload.code, message: payload.message })
  }

  /**
   * Drops every metrics, eval and sweep record and every per-sample snapshot after `step`,
   * so a run resumed from the checkpoint at `step` continues without gaps or duplicates.
   * Returns the last metrics step kept: below `step` when lines were lost (e.g. torn).
   */
  truncateAfterStep(step: number): Promise<{ lastMetricsStep: number }> {
    return this.enqueue(async () => {
      await this.writeBuffer()
      // Listed first: a sweeps/ that is not a real folder refuses before any log is rewritten.
      const sweepSteps = await this.sweepSteps()
      let lastMetricsStep = 0
      for (const file of LOG_FILES) {
        await rewriteJsonl(join(this.dir, file), (record) => {
          const s = (record as { step?: unknown } | null)?.step
          const kept = typeof s !== 'number' || s <= step
          if (kept && file === METRICS_FILE && typeof s === 'number') lastMetricsStep = Math.max(lastMetricsStep, s)
          return kept
        })
      }
      let drop: number[] = []
      await this.change((m) => {
        const edit = dropSnapshotsAfter(m, step)
        drop = edit.dropped
        return edit.manifest
      })
      for (const s of drop) await removeBelow(this.dir, sampleSnapshotDir(this.dir, s))
      for (const s of sweepSteps) if (s > step) await removeBelow(this.dir, sweepStepDir(this.dir, s))
      return { lastMetricsStep }
    })
  }

  /** Writes samples/<step>/<field>.npy, records the step, and prunes the oldest beyond the limit. */
  writeSampleSnapshot(state: SampleState): Promise<void> {
    return this.enqueue(async () => {
      const target = sampleSnapshotDir(this.dir, state.step)
      await replaceDir(this.dir, target, (temp) => writeSampleFiles(temp, state))
      let pruned: number[] = []
      await this.change((m) => {
        const edit = addSnapshot(m, state.step, this.maxSnapshots)
        pruned = edit.pruned
        return edit.manifest
      })
      for (const s of pruned) await removeBelow(this.dir, sampleSnapshotDir(this.dir, s))
    })
  }

  /**
   * Per-sample results of a full sweep, sweeps/<step>/<model>/{pseudoLabel,confidence}.npy,
   * row i being the i-th unlabeled sample (as in SampleState). Keeps the newest N sweep steps.
   */
  writeSweepArrays(step: number, model: 'raw' | 'ema', arrays: SweepArrays): Promise<void> {
    const n = arrays.pseudoLabel.length
    if (arrays.confidence.length !== n) {
      return Promise.reject(new AppError('invalid-payload', `sweep arrays at step ${step}: ${n} labels but ${arrays.confidence.length} confidences`))
    }
    return this.enqueue(async () => {
      const files = { pseudoLabel: Int16Array.from(arrays.pseudoLabel), confidence: arrays.confidence }
      await replaceDir(this.dir, sweepArraysDir(this.dir, step, model), (temp) => writeNpyFiles(temp, files))
      const steps = await this.sweepSteps()
      for (const s of steps.slice(0, Math.max(0, steps.length - this.maxSnapshots))) await removeBelow(this.dir, sweepStepDir(this.dir, s))
    })
  }

  writeUi(ui: UiState): Promise<void> {
    const parsed = UiStateSchema.safeParse(ui)
    if (!parsed.success) {
      return Promise.reject(new AppError('invalid-payload', `ui state: ${parsed.error.issues[0].message}`, { issues: parsed.error.issues }))
    }
    return this.enqueue(() => atomicWriteFile(this.paths.ui, `${JSON.stringify(parsed.data, null, 2)}\n`))
  }

  /** Flushes and stops the timer; later writes are refused. */
  async close(): Promise<void> {
    if (this.closed) return
    try {
      await this.flush()
    } finally {
      this.closed = true
      await this.lock?.release()
    }
  }

  /** The sweep steps on disk, listed only from a real sweeps/ folder (not one it links to). */
  private async sweepSteps(): Promise<number[]> {
    await assertNoSymlinkBelow(this.dir, join(this.dir, SWEEPS_DIR))
    return listSweepSteps(this.dir)
  }

  private check(): void {
    if (this.closed) throw new AppError('conflict', `session writer for ${this.dir} is closed`)
    if (this.failure !== null) throw this.failure
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    try {
      this.check()
    } catch (error) {
      return Promise.reject(error)
    }
    const result = this.queue.then(op)
    this.queue = result.catch(() => undefined)
    return result
  }

  private async writeBuffer(): Promise<void> {
    this.flushQueued = false
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.buffer.length === 0) return
    const lines = this.buffer
    this.buffer = []
    try {
      await appendLines(this.paths.metrics, lines)
    } catch (error) {
      // Lines that may be half written cannot be retried safely: stop taking records.
      this.failure = new AppError('io-error', `cannot append to ${this.paths.metrics}: ${(error as Error).message}`, {
        path: this.paths.metrics
      })
      throw this.failure
    }
  }

  private async change(fn: (m: SessionManifest) => SessionManifest): Promise<SessionManifest> {
    this.current = await updateManifest(this.dir, (m) => ({ ...fn(m), updatedAt: this.now() }))
    return this.current
  }
}

/** Runs `fn` holding the folder's lock when asked; the lock is let go again if `fn` fails. */
async function withLock<T>(dir: string, options: SessionWriterOptions, fn: (lock: SessionLock | null) => Promise<T>): Promise<T> {
  const lock = options.lock ? await SessionLock.acquire(dir) : null
  try {
    return await fn(lock)
  } catch (error) {
    await lock?.release()
    throw error
  }
}
