// sweep.json, the manifest of a sweep folder: the spec, how it runs (executor), and each run's
// grid point, scheduler job and state. The session folders beside it hold the runs themselves.
import { z } from 'zod'
import { slurmOptionsProblems } from './cluster-options-policy'
import { SweepPointSchema, SweepSpecSchema } from './sweep-spec'

export const SWEEP_SCHEMA_VERSION = 1

/**
 * A run's state as both executors report it. 'stopped': interrupted with a checkpoint (Ctrl-C
 * on a local sweep); 'cancelled', 'timeout', 'node-fail': Slurm's CANCELLED, TIMEOUT, NODE_FAIL.
 * 'lost': the scheduler no longer knows the job and its session did not finish.
 */
export const SWEEP_RUN_STATES = ['pending', 'queued', 'running', 'finished', 'failed', 'stopped', 'cancelled', 'timeout', 'node-fail', 'lost'] as const
export type SweepRunState = (typeof SWEEP_RUN_STATES)[number]

const FINAL: ReadonlySet<SweepRunState> = new Set(['finished', 'failed', 'stopped', 'cancelled', 'timeout', 'node-fail', 'lost'])
/** A run that will not change unless resubmitted. */
export const isFinalRunState = (state: SweepRunState): boolean => FINAL.has(state)
/** Runs that --resume (or Resubmit) starts again, from their checkpoint when they have one. */
export const isResumableRunState = (state: SweepRunState): boolean => isFinalRunState(state) && state !== 'finished'

export const LocalExecutorSchema = z.strictObject({
  kind: z.literal('local'),
  parallel: z.number().int().min(1).max(64).default(1)
})

/**
 * sbatch and ssh options, their shape only; null = the cluster's default. The user's own
 * `npm run sweep` flags are read with it, and so is a sweep.json, whose options are then
 * checked apart (a failing one opens read-only instead of not at all).
 */
export const SlurmOptionsShapeSchema = z.strictObject({
  partition: z.string().min(1).nullable().default(null),
  time: z.string().regex(/^[0-9:-]+$/, "time looks like 30, 1:30:00 or 2-00:00:00").nullable().default(null),
  cpusPerTask: z.number().int().min(1).max(1024).nullable().default(null),
  gres: z.string().min(1).nullable().default(null),
  account: z.string().min(1).nullable().default(null),
  /** More sbatch arguments, one argv entry each (e.g. "--mem=8G", "--qos=short"). */
  extraArgs: z.array(z.string().min(1)).default([]),
  /** The project's folder on the cluster's nodes (npm ci done there); null = this checkout. */
  remoteProjectDir: z.string().min(1).nullable().default(null),
  /** user@host to reach Slurm through ssh; null = Slurm on this host. */
  ssh: z.string().regex(/^[A-Za-z0-9._-]+@[A-Za-z0-9.:_-]+$|^[A-Za-z0-9.:_-]+$/, 'ssh target looks like user@host').nullable().default(null),
  /** More ssh client arguments (e.g. "-p", "2222", "-i", "~/.ssh/cluster"). */
  sshArgs: z.array(z.string().min(1)).default([])
})
export type SlurmOptions = z.infer<typeof SlurmOptionsShapeSchema>

/** The same options from an untrusted place (the settings): the allow-list applies. */
export const SlurmOptionsSchema = SlurmOptionsShapeSchema.superRefine((options, ctx) => {
  for (const problem of slurmOptionsProblems(options)) {
    ctx.addIssue({ code: 'custom', path: problem.index === undefined ? [problem.field] : [problem.field, problem.index], message: problem.message })
  }
})

export const SlurmExecutorSchema = SlurmOptionsShapeSchema.extend({ kind: z.literal('slurm') })

export const SweepExecutorSchema = z.discriminatedUnion('kind', [LocalExecutorSchema, SlurmExecutorSchema])
export type SweepExecutor = z.infer<typeof SweepExecutorSchema>

export const SweepRunEntrySchema = SweepPointSchema.extend({
  state: z.enum(SWEEP_RUN_STATES),
  /** Slurm's own word (PENDING, RUNNING, CANCELLED, ...), null for local runs. */
  schedulerState: z.string().nullable().default(null),
  /** The array task's job id, "<array job>_<task>"; null before submission and for local runs. */
  jobId: z.string().nullable().default(null),
  /** Every job id this run had (one per submission). */
  jobIds: z.array(z.string()).default([]),
  exitCode: z.number().int().nullable().default(null),
  /** The signal that ended it (Slurm's ExitCode x:signal, or the child's), null when none. */
  signal: z.number().int().nullable().default(null),
  /** Submissions and starts so far (a resume adds one). */
  attempts: z.number().int().min(0).default(0),
  updatedAt: z.number().finite()
})
export type SweepRunEntry = z.infer<typeof SweepRunEntrySchema>

export const SweepManifestSchema = z.strictObject({
  schemaVersion: z.literal(SWEEP_SCHEMA_VERSION),
  app: z.literal('pseudoscope-sweep'),
  spec: SweepSpecSchema,
  executor: SweepExecutorSchema,
  createdAt: z.number().finite(),
  updatedAt: z.number().finite(),
  /** One job array per submission (the first, then one per --resume that resubmits). */
  arrayJobIds: z.array(z.string()).default([]),
  runs: z.array(SweepRunEntrySchema).min(1)
})
export type SweepManifest = z.infer<typeof SweepManifestSchema>

/** Counts of runs per state, for one-line summaries. */
export function countStates(runs: readonly SweepRunEntry[]): Partial<Record<SweepRunState, number>> {
  const out: Partial<Record<SweepRunState, number>> = {}
  for (const run of runs) out[run.state] = (out[run.state] ?? 0) + 1
  return out
}
