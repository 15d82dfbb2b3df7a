// Slurm's answers as slurm-wlm 22.05 prints them (captured on the single-node dev cluster).
import { describe, expect, it } from 'vitest'
import { shellQuote } from '../../../src/shared/shell-quote'
import { parseSacct, parseSbatchJobId, parseScontrolJobs, parseTaskIds, runStateOf } from '../../../src/node/sweep/slurm/slurm-state'

const SCONTROL = [
  'JobId=9 ArrayJobId=8 ArrayTaskId=1 JobName=pseudoscope-tiny UserId=root(0) JobState=CANCELLED Reason=None ExitCode=0:15 RunTime=00:00:03 Command=/tmp/a dir/sweep.sbatch WorkDir=/tmp StdOut=/tmp/a dir/logs/task-1.log Power=',
  'JobId=8 ArrayJobId=8 ArrayTaskId=2-3 JobName=pseudoscope-tiny JobState=PENDING Reason=Resources ExitCode=0:0',
  'JobId=12 ArrayJobId=8 ArrayTaskId=0 JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0'
].join('\n')

describe('slurm answers', () => {
  it('reads scontrol show job -o, values with spaces included', () => {
    const jobs = parseScontrolJobs(SCONTROL)
    expect(jobs).toEqual([
      { arrayJobId: '8', taskIds: [1], state: 'CANCELLED', exitCode: 0, signal: 15, reason: null },
      { arrayJobId: '8', taskIds: [2, 3], state: 'PENDING', exitCode: 0, signal: null, reason: 'Resources' },
      { arrayJobId: '8', taskIds: [0], state: 'FAILED', exitCode: 3, signal: null, reason: 'NonZeroExitCode' }
    ])
  })

  it('reads task id lists, sacct rows and sbatch --parsable', () => {
    expect(parseTaskIds('0-3')).toEqual([0, 1, 2, 3])
    expect(parseTaskIds('1,4-5%2')).toEqual([1, 4, 5])
    expect(parseTaskIds('0-6:3')).toEqual([0, 3, 6])
    expect(parseSacct('8_1|CANCELLED by 0|0:15\n8_[2-3]|PENDING|0:0\n8_1.batch|CANCELLED|0:15\n')).toEqual([
      { arrayJobId: '8', taskIds: [1], state: 'CANCELLED', exitCode: 0, signal: 15, reason: null },
      { arrayJobId: '8', taskIds: [2, 3], state: 'PENDING', exitCode: 0, signal: null, reason: null }
    ])
    expect(parseSbatchJobId('42\n')).toBe('42')
    expect(parseSbatchJobId('42;cluster\n')).toBe('42')
    expect(parseSbatchJobId('sbatch: error: x')).toBeNull()
  })

  it('maps job states to run states', () => {
    expect(['PENDING', 'RUNNING', 'COMPLETING', 'COMPLETED', 'FAILED', 'OUT_OF_MEMORY', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL'].map(runStateOf)).toEqual([
      'queued', 'running', 'running', 'finished', 'failed', 'failed', 'cancelled', 'timeout', 'node-fail'
    ])
  })

  it('quotes arguments for the remote shell', () => {
    expect(shellQuote('--array=0,2')).toBe('--array=0,2')
    expect(shellQuote("it's $HOME; rm -rf /")).toBe(`'it'\\''s $HOME; rm -rf /'`)
    expect(shellQuote('')).toBe("''")
  })
})
