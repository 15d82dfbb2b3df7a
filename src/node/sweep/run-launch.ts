// How one run of a sweep (re)starts: the headless runner's arguments, fresh or from the
// session's checkpoint, by the one rule of decideSessionLaunch. Both executors use it: the local
// one before spawning a runner, a Slurm task on its node (src/cli/sweep-task.ts), so a
// resubmitted run continues its session.
import { decideSessionLaunch } from '../session/session-launch'
import { runConfigPath, runSessionDir } from './sweep-folder'

export type RunLaunch =
  | { kind: 'start' | 'resume'; args: string[]; note: string | null }
  /** The session trained all its steps: nothing to run. */
  | { kind: 'done'; args: []; note: string }

/** `npm run experiment` arguments for the run, given what its session folder holds now. */
export async function planRunLaunch(sweepDir: string, run: { name: string }, now: number = Date.now()): Promise<RunLaunch> {
  const session = runSessionDir(sweepDir, run)
  const launch = await decideSessionLaunch(session, now)
  switch (launch.kind) {
    case 'start':
      return { kind: 'start', args: ['--config', runConfigPath(sweepDir, run), '--out', session], note: launch.note }
    case 'resume':
      return { kind: 'resume', args: ['--resume', session], note: launch.note }
    case 'done':
      return { kind: 'done', args: [], note: launch.note }
  }
}
