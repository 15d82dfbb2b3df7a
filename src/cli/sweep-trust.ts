// A sweep.json is read like any file someone else may have written: its cluster options pass
// the allow-list before --resume or --cancel runs ssh or sbatch with them. What the user types
// now is trusted and replaces the file's (SECURITY.md: the user's own flags are trusted).
import { join } from 'node:path'
import { slurmOptionsProblems, type ClusterOptionProblem } from '../shared/cluster-options-policy'
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

/** Throws (exit 2) when an option the user did not type now fails the allow-list. */
export function checkSweepFileOptions(dir: string, executor: SweepExecutor, typed: Partial<SlurmOptions>): void {
  if (executor.kind !== 'slurm') return
  const [problem] = slurmOptionsProblems(executor).filter((p) => !(p.field in typed))
  if (!problem) return
  const flag = FLAG_OF[problem.field]
  throw new UsageError(
    `${join(dir, 'sweep.json')}: ${problem.message}. The options in a sweep folder are not trusted, so nothing was run; ` +
      `if you trust them, give them again on the command line (${flag} replaces the file's${problem.field === 'sshArgs' || problem.field === 'extraArgs' ? `, ${flag}= with nothing clears them` : ''})`
  )
}
