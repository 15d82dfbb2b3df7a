// Runs a sweep as Slurm job arrays: submit (one array per submission, task id = run index),
// follow (scontrol, sacct where accounting exists, the session folder once the job is gone),
// cancel (scancel). A resubmitted run's task resumes its session from the checkpoint.
import { AppError } from '../../../shared/errors'
import { isFinalRunState, type SlurmOptions, type SweepRunEntry, type SweepRunState } from '../../../shared/sweep-manifest'
import { atomicWriteFile } from '../../session/atomic'
import { readManifest } from '../../session/manifest-file'
import type { RunEvent } from '../local-executor'
import { runSessionDir, sweepPaths, type SweepManifestWriter } from '../sweep-folder'
import { batchScript, sbatchArgv } from './batch-script'
import type { SlurmHost } from './slurm-host'
import { parseSacct, parseSbatchJobId, parseScontrolJobs, runStateOf, type SlurmTaskState } from './slurm-state'

const arrayOf = (jobId: string | null): string | null => (jobId ? jobId.split('_')[0] : null)

export class SlurmSweepExecutor {
  constructor(
    private readonly host: SlurmHost,
    private readonly writer: SweepManifestWriter,
    private readonly options: SlurmOptions,
    /** The project's folder as the nodes see it. */
    private readonly projectDir: string,
    private readonly onEvent: (event: RunEvent) => void = () => undefined
  ) {}

  private async slurm(argv: string[]): Promise<string> {
    const r = await this.host.run(argv)
    if (r.code !== 0) {
      const text = r.stderr.trim() || r.stdout.trim() || `exit code ${r.code}`
      throw new AppError('io-error', `${argv[0]} on ${this.host.where} failed: ${text}`, { argv, code: r.code })
    }
    return r.stdout
  }

  /** One job array for the listed runs; returns its job id. */
  async submit(indices: number[]): Promise<string> {
    if (indices.length === 0) throw new AppError('invalid-payload', 'nothing to submit')
    const { dir, manifest } = this.writer
    await atomicWriteFile(sweepPaths(dir).batchScript, batchScript(manifest.spec.name, dir, this.projectDir))
    const stdout = await this.slurm(sbatchArgv(manifest.spec.name, dir, indices, this.options))
    const arrayJobId = parseSbatchJobId(stdout)
    if (!arrayJobId) throw new AppError('io-error', `sbatch printed no job id: ${stdout.trim()}`)
    const chosen = new Set(indices)
    await this.writer.update((m) => ({
      ...m,
      arrayJobIds: [...m.arrayJobIds, arrayJobId],
      runs: m.runs.map((r) => {
        if (!chosen.has(r.index)) return r
        const jobId = `${arrayJobId}_${r.index}`
        return { ...r, state: 'queued', schedulerState: 'PENDING', jobId, jobIds: [...r.jobIds, jobId], exitCode: null, signal: null, attempts: r.attempts + 1, updatedAt: Date.now() }
      })
    }))
    for (const r of this.writer.manifest.runs.filter((r) => chosen.has(r.index))) this.onEvent({ run: r, detail: `submitted as job ${r.jobId}` })
    return arrayJobId
  }

  /** scancel the listed runs' jobs (all unfinished runs when none are listed). */
  async cancel(indices?: number[]): Promise<SweepRunEntry[]> {
    const runs = this.writer.manifest.runs.filter((r) => r.jobId !== null && !isFinalRunState(r.state) && (indices === undefined || indices.includes(r.index)))
    if (runs.length > 0) await this.slurm(['scancel', ...runs.map((r) => r.jobId as string)])
    return runs
  }

  /** Asks Slurm about every unfinished run once and records what changed. */
  async poll(): Promise<void> {
    const open = this.writer.manifest.runs.filter((r) => r.jobId !== null && !isFinalRunState(r.state))
    const arrays = [...new Set(open.map((r) => arrayOf(r.jobId) as string))]
    for (const arrayJobId of arrays) {
      const records = await this.query(arrayJobId)
      for (const run of open.filter((r) => arrayOf(r.jobId) === arrayJobId)) {
        const task = Number(run.jobId?.split('_')[1])
        const record = records?.find((s) => s.taskIds.includes(task))
        if (record) await this.record(run, record)
        else if (records !== null || run.state !== 'queued') await this.gone(run)
      }
    }
  }

  /** Polls until every run is final (or shouldStop says so). */
  async follow(intervalMs: number, shouldStop: () => boolean = () => false): Promise<void> {
    // A login node that hiccups (ssh drops, slurmctld restarting) is asked again; five in a row is an error.
    for (let failures = 0; ; ) {
      try {
        await this.poll()
        failures = 0
      } catch (error) {
        if (++failures >= 5) throw error
      }
      if (shouldStop() || this.writer.manifest.runs.every((r) => r.jobId === null || isFinalRunState(r.state))) return
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  }

  /** The array's task records; null when Slurm no longer knows the job. */
  private async query(arrayJobId: string): Promise<SlurmTaskState[] | null> {
    const r = await this.host.run(['scontrol', 'show', 'job', arrayJobId, '-o'])
    if (r.code === 0) return parseScontrolJobs(r.stdout)
    if (!/invalid job id/i.test(r.stderr)) throw new AppError('io-error', `scontrol on ${this.host.where} failed: ${r.stderr.trim() || `exit code ${r.code}`}`)
    // Gone from the controller (MinJobAge passed): accounting, where the cluster has it.
    const acct = await this.host.run(['sacct', '-n', '-P', '-X', '-j', arrayJobId, '-o', 'JobID,State,ExitCode'])
    if (acct.code === 0) {
      const rows = parseSacct(acct.stdout)
      if (rows.length > 0) return rows
    }
    return null
  }

  private async record(run: SweepRunEntry, s: SlurmTaskState): Promise<void> {
    const state = runStateOf(s.state)
    const final = isFinalRunState(state)
    const change = { state, schedulerState: s.state, exitCode: final ? s.exitCode : null, signal: final ? s.signal : null }
    if (change.state === run.state && change.schedulerState === run.schedulerState && change.exitCode === run.exitCode) return
    await this.writer.updateRun(run.index, change)
    const exit = final && s.exitCode !== null ? ` (exit ${s.exitCode}${s.signal ? `, signal ${s.signal}` : ''})` : ''
    this.onEvent({ run: { ...run, state, schedulerState: s.state }, detail: `${s.state}${exit}${s.reason && !final ? `: ${s.reason}` : ''}` })
  }

  /** The scheduler forgot the job: its session says whether it finished. */
  private async gone(run: SweepRunEntry): Promise<void> {
    const session = await readManifest(runSessionDir(this.writer.dir, run)).catch(() => null)
    const state: SweepRunState = session?.status === 'finished' ? 'finished' : 'lost'
    await this.writer.updateRun(run.index, { state, schedulerState: null })
    this.onEvent({ run: { ...run, state }, detail: state === 'finished' ? 'finished (job no longer known to Slurm; its session finished)' : 'job no longer known to Slurm and its session did not finish' })
  }
}
