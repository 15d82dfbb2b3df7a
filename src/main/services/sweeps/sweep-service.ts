// The app's sweeps: submitted from the Sweeps view, run locally through the run manager's
// queue or on Slurm as a job array, followed from sweep.json and the session folders. Sweep
// folders live beside the sessions folder (<parent>/pseudoscope-sweeps/<name>-<time>/);
// ids are folder names, resolved only through the listing.
import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { refuseMainOwnedFields } from '../../../shared/config/main-owned-fields'
import { executorRefusal } from '../../../shared/cluster-options-policy'
import { AppError } from '../../../shared/errors'
import { countStates, isFinalRunState, isResumableRunState, type SweepExecutor, type SweepManifest } from '../../../shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../../shared/sweep-spec'
import type { SweepDetail, SweepListing, SweepSubmit, SweepSummary } from '../../../shared/sweep-view'
import type { SessionSummary } from '../../../shared/sessions'
import { lockHolder, SessionLock } from '../../../node/session/session-lock'
import { claimNewFolder } from '../../../node/session/writer-files'
import { assertNoSymlinkBelow } from '../../../node/session/untrusted-fs'
import { readRunView } from '../../../node/sweep/run-results'
import { readSweepAblation } from '../../../node/sweep/sweep-ablation'
import { readSweepComparison } from '../../../node/sweep/sweep-comparison'
import type { SweepAblation } from '../../../shared/sweep-ablation'
import type { SweepComparison } from '../../../shared/analysis/comparison-bands'
import { SlurmSweepExecutor } from '../../../node/sweep/slurm/slurm-executor'
import { localSlurmHost, sshSlurmHost } from '../../../node/sweep/slurm/slurm-host'
import { createSweepFolder, readSweepManifest, runSessionDir, SweepManifestWriter } from '../../../node/sweep/sweep-folder'
import type { EventSink } from '../../ipc/handler-types'
import type { RunManager } from '../run-manager'
import type { SessionStore } from '../session-store'
import type { SettingsService } from '../settings-service'
import { relaunchLocalRun } from './local-relaunch'

export interface SweepServiceDeps {
  sessionsDir: () => string
  runs: RunManager
  sessions: SessionStore
  settings: SettingsService
  events: EventSink
  /** This project's folder, where Slurm tasks run when the settings name no remote one. */
  projectDir: string
  /** Slurm is asked at most this often per sweep (ms). */
  pollIntervalMs?: number
}

const summaryOf = (id: string, m: SweepManifest): SweepSummary => ({
  id,
  name: m.spec.name,
  executor: m.executor.kind,
  runs: m.runs.length,
  states: countStates(m.runs),
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
  readOnly: executorRefusal(m.executor)
})

export class SweepService {
  /** Sweeps this process writes: their manifest writer and the lock that keeps the CLI out. */
  private readonly active = new Map<string, { writer: SweepManifestWriter; lock: SessionLock; polledAt: number }>()
  /** Local runs by sweep id and run index -> the run manager's run id. */
  private readonly localRuns = new Map<string, Map<number, string>>()

  constructor(private readonly deps: SweepServiceDeps) {}

  sweepsDir(): string {
    return join(dirname(this.deps.sessionsDir()), 'pseudoscope-sweeps')
  }

  async list(): Promise<SweepListing> {
    const entries = await readdir(this.sweepsDir(), { withFileTypes: true }).catch(() => [])
    const listing: SweepListing = { sweeps: [], unreadable: [] }
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const manifest = this.active.get(entry.name)?.writer.manifest ?? (await readSweepManifest(join(this.sweepsDir(), entry.name)).catch((error: Error) => error))
      // A folder without sweep.json is not a sweep (or one still being created): not listed.
      if (manifest instanceof AppError && manifest.code === 'not-found') continue
      if (manifest instanceof Error) listing.unreadable.push({ id: entry.name, error: manifest.message })
      else listing.sweeps.push(summaryOf(entry.name, manifest))
    }
    listing.sweeps.sort((a, b) => b.createdAt - a.createdAt)
    listing.unreadable.sort((a, b) => a.id.localeCompare(b.id))
    return listing
  }

  private async resolve(id: string): Promise<string> {
    if (!(await this.list()).sweeps.some((s) => s.id === id)) throw new AppError('not-found', `no sweep '${id}'`)
    return join(this.sweepsDir(), id)
  }

  async submit(request: SweepSubmit): Promise<SweepSummary> {
    const spec = parseSweepSpec({ name: request.name, config: request.config, grid: request.grid, algorithms: request.algorithms, ablations: request.ablations })
    const points = expandSweep(spec)
    // Each run's built config, so a grid cannot set what the config may not: before any folder exists.
    for (const point of points) refuseMainOwnedFields(point.config, `sweep run ${point.name}`)
    const executor: SweepExecutor = request.executor === 'local' ? { kind: 'local', parallel: this.deps.settings.get().maxConcurrentRuns } : { kind: 'slurm', ...this.deps.settings.get().sweepSlurm }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
    const dir = await claimNewFolder(this.sweepsDir(), `${spec.name}-${stamp}`)
    const id = dir.slice(this.sweepsDir().length + 1)
    const manifest = await createSweepFolder(dir, spec, points, executor, Date.now())
    const writer = await this.take(id, dir, manifest)
    await this.launch(id, writer, points.map((p) => p.index))
    return summaryOf(id, writer.manifest)
  }

  /** Starts again every run that is not finished (from its checkpoint where it has one). */
  async resubmit(id: string): Promise<SweepSummary> {
    const dir = await this.resolve(id)
    const writer = await this.take(id, dir)
    const busy = this.localRuns.get(id)
    const todo = writer.manifest.runs.filter((r) => (r.state === 'pending' || isResumableRunState(r.state)) && !busy?.has(r.index)).map((r) => r.index)
    if (todo.length === 0) throw new AppError('conflict', `sweep ${id} has no run to start again`)
    await this.launch(id, writer, todo)
    return summaryOf(id, writer.manifest)
  }

  async cancel(id: string, runIndex: number | null): Promise<SweepSummary> {
    const dir = await this.resolve(id)
    const writer = await this.take(id, dir)
    if (writer.manifest.executor.kind === 'slurm') {
      await this.slurm(writer).cancel(runIndex === null ? undefined : [runIndex])
      await this.poll(id, true)
    } else {
      for (const [index, runId] of this.localRuns.get(id) ?? []) {
        if (runIndex === null || runIndex === index) await this.deps.runs.stop(runId).catch(() => undefined)
      }
    }
    return summaryOf(id, writer.manifest)
  }

  async get(id: string): Promise<SweepDetail> {
    const dir = await this.resolve(id)
    if (!this.active.has(id)) {
      // A Slurm sweep nobody follows (submitted with --detach, or by an app that quit): follow it,
      // unless its options are off the allow-list (then it is only read, never polled).
      const m = await readSweepManifest(dir)
      const open = m.runs.filter((r) => r.state !== 'pending' && !isFinalRunState(r.state))
      if (open.length > 0 && executorRefusal(m.executor) === null && !(await lockHolder(dir))) {
        const writer = await this.take(id, dir, m)
        // Local runs whose process is gone (the app or the CLI quit): they checkpointed on the way out, or Resubmit starts them over.
        if (m.executor.kind === 'local') {
          for (const run of open) await writer.updateRun(run.index, { state: 'stopped' })
          await this.release(id)
        }
      }
    }
    await this.poll(id, false)
    const manifest = this.active.get(id)?.writer.manifest ?? (await readSweepManifest(dir))
    const holder = this.active.has(id) ? null : await lockHolder(dir)
    const views = await Promise.all(manifest.runs.map((r) => readRunView(dir, r)))
    return {
      summary: summaryOf(id, manifest),
      manifest,
      results: views.map((v) => v?.result ?? null),
      curves: views.map((v) => v?.curves ?? null),
      followedBy: holder ? `process ${holder.pid} on ${holder.host}` : null
    }
  }

  /** An algorithm-comparison sweep compared over its seeds: the summary table, Welch pairs and bands. */
  async comparison(id: string): Promise<SweepComparison> {
    const dir = await this.resolve(id)
    return readSweepComparison(dir, this.active.get(id)?.writer.manifest ?? (await readSweepManifest(dir)))
  }

  /** An oracle-ablation sweep read as one study: the modes' bands, the paired cost and its interval. */
  async ablation(id: string): Promise<SweepAblation> {
    const dir = await this.resolve(id)
    return readSweepAblation(dir, this.active.get(id)?.writer.manifest ?? (await readSweepManifest(dir)))
  }

  /** Adds the run's session folder to the session list and returns it, for the dashboard. */
  async openRun(id: string, runIndex: number): Promise<SessionSummary> {
    const dir = await this.resolve(id)
    const manifest = this.active.get(id)?.writer.manifest ?? (await readSweepManifest(dir))
    const run = manifest.runs.find((r) => r.index === runIndex)
    if (!run) throw new AppError('not-found', `sweep ${id} has no run ${runIndex}`)
    // The run's folder must be a real one inside the sweep: a symlink would import a folder elsewhere.
    await assertNoSymlinkBelow(dir, runSessionDir(dir, run))
    return this.deps.sessions.import(runSessionDir(dir, run)).catch((error: AppError) => {
      throw new AppError(error.code, `run ${run.name} has no session to open yet: ${error.message}`)
    })
  }

  private async take(id: string, dir: string, manifest?: SweepManifest): Promise<SweepManifestWriter> {
    const held = this.active.get(id)
    if (held) return held.writer
    // Only a sweep whose cluster options pass the allow-list is ever locked, written, polled, cancelled or resubmitted.
    const refusal = executorRefusal((manifest ?? (await readSweepManifest(dir))).executor)
    if (refusal !== null) throw new AppError('invalid-config', `sweep ${id} is read-only: ${refusal}`, { sweepId: id })
    // npm run sweep holds this lock while it follows the sweep: one writer of sweep.json.
    const lock = await SessionLock.acquire(dir)
    const writer = new SweepManifestWriter(dir, manifest ?? (await readSweepManifest(dir)))
    this.active.set(id, { writer, lock, polledAt: 0 })
    return writer
  }

  private slurm(writer: SweepManifestWriter): SlurmSweepExecutor {
    const ex = writer.manifest.executor
    if (ex.kind !== 'slurm') throw new Error('not a Slurm sweep')
    const refusal = executorRefusal(ex)
    if (refusal !== null) throw new AppError('invalid-config', `sweep ${writer.dir} is read-only: ${refusal}`)
    const host = ex.ssh ? sshSlurmHost(ex.ssh, ex.sshArgs) : localSlurmHost()
    // Where Slurm runs this project's code: the user's settings name it, never a sweep.json.
    return new SlurmSweepExecutor(host, writer, ex, this.deps.settings.get().sweepSlurm.remoteProjectDir ?? this.deps.projectDir)
  }

  private async launch(id: string, writer: SweepManifestWriter, indices: number[]): Promise<void> {
    if (writer.manifest.executor.kind === 'slurm') {
      await this.slurm(writer).submit(indices)
    } else {
      const runs = this.localRuns.get(id) ?? new Map<number, string>()
      this.localRuns.set(id, runs)
      for (const index of indices) {
        const run = writer.manifest.runs[index]
        const session = runSessionDir(writer.dir, run)
        const info = run.attempts === 0 && run.state === 'pending' ? await this.deps.runs.startInFolder(session, run.config) : await relaunchLocalRun(this.deps.runs, writer.dir, run)
        if (info === null) {
          await writer.updateRun(index, { state: 'finished', exitCode: 0 })
          continue
        }
        runs.set(index, info.runId)
        await writer.updateRun(index, { state: 'queued', attempts: run.attempts + 1, exitCode: null, signal: null })
        void this.deps.runs.whenSettled(info.runId).then(async (done) => {
          runs.delete(index)
          const state = done.state === 'finished' ? 'finished' : done.state === 'stopped' ? 'stopped' : 'failed'
          await writer.updateRun(index, { state, exitCode: state === 'finished' ? 0 : (done.failure?.exitCode ?? null) })
          await this.release(id)
          this.deps.events('sweeps:changed', { sweepId: id })
        })
      }
    }
    this.deps.events('sweeps:changed', { sweepId: id })
  }

  /** Slurm states, at most once per pollIntervalMs; local runs from the run manager. */
  private async poll(id: string, force: boolean): Promise<void> {
    const held = this.active.get(id)
    if (!held) return
    const { writer } = held
    if (writer.manifest.executor.kind === 'slurm') {
      if (!force && Date.now() - held.polledAt < (this.deps.pollIntervalMs ?? 2000)) return
      held.polledAt = Date.now()
      const before = writer.manifest.updatedAt
      await this.slurm(writer).poll()
      if (writer.manifest.updatedAt !== before) this.deps.events('sweeps:changed', { sweepId: id })
      await this.release(id)
    } else {
      const runs = this.localRuns.get(id)
      for (const [index, runId] of runs ?? []) {
        const state = this.deps.runs.get(runId).info.state
        const mapped = state === 'queued' ? 'queued' : 'running'
        if (!isFinalRunState(writer.manifest.runs[index].state) && writer.manifest.runs[index].state !== mapped) await writer.updateRun(index, { state: mapped })
      }
    }
  }

  /** Lets go of a sweep once nothing of it runs. */
  private async release(id: string): Promise<void> {
    const held = this.active.get(id)
    if (!held || (this.localRuns.get(id)?.size ?? 0) > 0) return
    if (!held.writer.manifest.runs.every((r) => isFinalRunState(r.state))) return
    await held.writer.flush()
    await held.lock.release()
    this.active.delete(id)
  }
}
