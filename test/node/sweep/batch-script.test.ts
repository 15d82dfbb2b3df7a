// sbatch's argv and the batch script for paths Slurm or bash could misread: a % in the sweep
// folder is taken literally (%%), the log name keeps its %a, a backslash is refused.
import { describe, expect, it } from 'vitest'
import { batchScript, sbatchArgv, slurmLiteralPath } from '../../../src/node/sweep/slurm/batch-script'
import { SlurmOptionsShapeSchema } from '../../../src/shared/sweep-manifest'

const options = SlurmOptionsShapeSchema.parse({})

describe('sbatch argv', () => {
  it('escapes % in the log folder so Slurm writes where the sweep is, and keeps %a per task', () => {
    const argv = sbatchArgv('s', '/data/100%_sweeps/%j-%u', [0, 2], options)
    expect(argv).toContain('--output=/data/100%%_sweeps/%%j-%%u/logs/task-%a.log')
    expect(argv.at(-1)).toBe('/data/100%_sweeps/%j-%u/sweep.sbatch')
    expect(argv.some((a) => a.startsWith('--chdir'))).toBe(false)
  })

  it('passes the options as single argv entries, after its own', () => {
    const argv = sbatchArgv('s', '/d', [1], { ...options, partition: 'gpu', extraArgs: ['--mem=8G'] })
    expect(argv).toEqual(['sbatch', '--parsable', '--array=1', '--job-name=pseudoscope-s', '--output=/d/logs/task-%a.log', '--open-mode=append', '--partition=gpu', '--mem=8G', '/d/sweep.sbatch'])
  })

  it('refuses a folder with a backslash (it would turn %a off)', () => {
    expect(() => slurmLiteralPath('/data/a\\b')).toThrow(/backslash/)
    expect(() => sbatchArgv('s', '/data/a\\b', [0], options)).toThrow(/backslash/)
  })

  it('quotes both paths for bash in the script', () => {
    const script = batchScript('s', "/data/it's %j", '/opt/p $HOME')
    expect(script).toContain(`cd '/opt/p $HOME' ||`)
    expect(script).toContain(`sweep-task.ts '/data/it'\\''s %j' "$SLURM_ARRAY_TASK_ID"`)
  })
})
