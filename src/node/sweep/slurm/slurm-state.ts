// Reading Slurm's answers: `scontrol show job ID -o` (one line of Key=Value per job or array
// task), `sacct -n -P -X -o JobID,State,ExitCode` where accounting exists, and `sbatch
// --parsable`. Slurm's job states map to a sweep run's states here, nowhere else.
import type { SweepRunState } from '../../../shared/sweep-manifest'

export interface SlurmTaskState {
  arrayJobId: string
  /** Array task ids this record covers (a pending array is one record for all its tasks). */
  taskIds: number[]
  /** Slurm's word: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ... */
  state: string
  exitCode: number | null
  signal: number | null
  reason: string | null
}

/** "0-3", "1,3", "0-9%2" -> the task ids. */
export function parseTaskIds(text: string): number[] {
  const out: number[] = []
  for (const part of text.replace(/%\d+$/, '').split(',')) {
    const range = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim())
    if (!range) continue
    const [from, to, stride] = [Number(range[1]), Number(range[2] ?? range[1]), Number(range[3] ?? 1)]
    for (let i = from; i <= to; i += stride) out.push(i)
  }
  return out
}

/** "Key=Value Key=Value ..." to a map; a value may hold spaces (it runs to the next " Key="). */
export function parseKeyValues(line: string): Map<string, string> {
  const out = new Map<string, string>()
  const keys = [...line.matchAll(/(?:^|\s)([A-Za-z][A-Za-z0-9/:_]*)=/g)]
  keys.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length
    const end = i + 1 < keys.length ? (keys[i + 1].index ?? line.length) : line.length
    out.set(match[1], line.slice(start, end).trim())
  })
  return out
}

/** "3:0" -> exit 3, no signal; "0:15" -> exit 0, signal 15. */
export function parseExitCode(text: string | undefined): { exitCode: number | null; signal: number | null } {
  const m = /^(\d+):(\d+)$/.exec(text ?? '')
  if (!m) return { exitCode: null, signal: null }
  return { exitCode: Number(m[1]), signal: Number(m[2]) === 0 ? null : Number(m[2]) }
}

export function parseScontrolJobs(stdout: string): SlurmTaskState[] {
  const out: SlurmTaskState[] = []
  for (const line of stdout.split('\n')) {
    if (!line.includes('JobId=')) continue
    const kv = parseKeyValues(line)
    const jobId = kv.get('JobId') as string
    const arrayJobId = kv.get('ArrayJobId') ?? jobId
    const taskIds = kv.has('ArrayTaskId') ? parseTaskIds(kv.get('ArrayTaskId') as string) : []
    const reason = kv.get('Reason')
    out.push({ arrayJobId, taskIds, state: (kv.get('JobState') ?? 'UNKNOWN').toUpperCase(), ...parseExitCode(kv.get('ExitCode')), reason: reason && reason !== 'None' ? reason : null })
  }
  return out
}

/** sacct -n -P -X -o JobID,State,ExitCode lines: "12_3|CANCELLED by 0|0:15". */
export function parseSacct(stdout: string): SlurmTaskState[] {
  const out: SlurmTaskState[] = []
  for (const line of stdout.split('\n')) {
    const [id, state, exit] = line.trim().split('|')
    const m = /^(\d+)_(\[?[\d,%:-]+\]?)$/.exec(id ?? '')
    if (!m || !state) continue
    out.push({ arrayJobId: m[1], taskIds: parseTaskIds(m[2].replace(/[[\]]/g, '')), state: state.split(' ')[0].toUpperCase(), ...parseExitCode(exit), reason: null })
  }
  return out
}

/** `sbatch --parsable` prints "jobid" or "jobid;cluster". */
export function parseSbatchJobId(stdout: string): string | null {
  const m = /^(\d+)(?:;\S+)?\s*$/m.exec(stdout.trim())
  return m ? m[1] : null
}

const QUEUED = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'STOPPED', 'SUSPENDED'])
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'SIGNALING', 'STAGE_OUT', 'RESIZING', 'UPDATE_DB', 'POWER_UP_NODE'])
const FAILED = new Set(['FAILED', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'SPECIAL_EXIT', 'REVOKED'])

export function runStateOf(slurmState: string): SweepRunState {
  if (slurmState === 'COMPLETED') return 'finished'
  if (slurmState === 'CANCELLED' || slurmState === 'PREEMPTED') return 'cancelled'
  if (slurmState === 'TIMEOUT') return 'timeout'
  if (slurmState === 'NODE_FAIL') return 'node-fail'
  if (FAILED.has(slurmState)) return 'failed'
  if (RUNNING.has(slurmState)) return 'running'
  if (QUEUED.has(slurmState)) return 'queued'
  return 'queued'
}
