// A sweep.json is read like any file someone else may have written: its cluster options pass
// the allow-list before --resume or --cancel runs ssh or sbatch with them. What the user types
// now is trusted and replaces the file's (SECURITY.md: the user's own flags are trusted).
import { join } from 'node:path'
import { slurmOptionsProblems, type ClusterOptionProblem } from '../shared/cluster-options-policy'
import { shellQuote } from '../shared/shell-quote'
import type { SlurmOptions, SweepExecutor } from '../shared/sweep-manifest'
import { UsageError } from './args'

const FLAG_OF: Record<ClusterOptionProblem['field'], string> = {
  sshArgs: '--ssh-arg',
  extraArgs: '--sbatch-arg',
  ssh: '--ssh',
  remoteProjectDir: '--remote-project-dir',
  partition: '--partition',
  account: '--account',
  gres: '--gres'
}

/**
 * Throws (exit 2) when an option the user did not type now fails the allow-list. On --resume
 * (which may resubmit) the file may not name the project folder either: Slurm runs the code
 * it finds there.
 */
export function checkSweepFileOptions(dir: string, executor: SweepExecutor, typed: Partial<SlurmOptions>, resuming: boolean): void {
  if (executor.kind !== 'slurm') return
  const file = join(dir, 'sweep.json')
  if (resuming && executor.remoteProjectDir !== null && !('remoteProjectDir' in typed)) {
    const folder = shellQuote(executor.remoteProjectDir)
    throw new UsageError(`${file} names ${folder} as the project folder on the nodes, where Slurm runs the code it finds; a sweep folder cannot choose that, so nothing was run. If it is yours, give --remote-project-dir ${folder} again`)
  }
  const [problem] = slurmOptionsProblems(executor).filter((p) => !(p.field in typed))
  if (!problem) return
  const flag = FLAG_OF[problem.field]
  throw new UsageError(
    `${file}: ${problem.message}. The options in a sweep folder are not trusted, so nothing was run; ` +
      `if you trust them, give them again on the command line (${flag} replaces the file's${problem.field === 'sshArgs' || problem.field === 'extraArgs' ? `, ${flag}= with nothing clears them` : ''})`
  )
}
