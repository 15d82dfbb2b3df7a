// One Slurm array task of a sweep: `node --import tsx src/cli/sweep-task.ts SWEEP_DIR INDEX`
// (the generated sweep.sbatch runs it). Starts run INDEX of the sweep's manifest with the
// headless runner, or resumes its session from the checkpoint, and exits with the runner's
// code. It never writes sweep.json: the process that follows the sweep does.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { planRunLaunch } from '../node/sweep/run-launch'
import { readSweepManifest } from '../node/sweep/sweep-folder'
import { signalExitCode } from './interrupt'

const EXPERIMENT = fileURLToPath(new URL('./experiment.ts', import.meta.url))
const TSX = import.meta.resolve('tsx')

async function main(argv: string[]): Promise<number> {
  const [dirArg, indexArg] = argv
  if (!dirArg || !/^\d+$/.test(indexArg ?? '')) {
    process.stderr.write('usage: node --import tsx src/cli/sweep-task.ts SWEEP_DIR INDEX\n')
    return 2
  }
  const dir = resolve(dirArg)
  const manifest = await readSweepManifest(dir)
  const run = manifest.runs.find((r) => r.index === Number(indexArg))
  if (!run) {
    process.stderr.write(`sweep-task: ${dir} has no run ${indexArg} (it has 0-${manifest.runs.length - 1})\n`)
    return 2
  }
  const launch = await planRunLaunch(dir, run)
  process.stdout.write(`sweep-task: run ${run.index} ${run.name} on ${process.env.SLURMD_NODENAME ?? 'this host'} (job ${process.env.SLURM_JOB_ID ?? '-'}): ${launch.note ?? launch.kind}\n`)
  if (launch.kind === 'done') return 0
  const child = spawn(process.execPath, ['--import', TSX, EXPERIMENT, ...launch.args], { stdio: 'inherit' })
  // Slurm signals every process of the job; a signal that reached only this one is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise((done) => {
    child.on('error', (error) => {
      process.stderr.write(`sweep-task: cannot start the runner: ${error.message}\n`)
      done(1)
    })
    child.on('exit', (code, signal) => done(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? signalExitCode(signal) : 1)))
  })
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sweep-task: ${(error as Error).message}\n`)
    process.exit(1)
  }
)
