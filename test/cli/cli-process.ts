// Runs the CLI as a child process (`node --import tsx`, as the npm script does, minus npm):
// exit code, output, and a handle to signal or kill it while it runs.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../src/cli/experiment.ts', import.meta.url))
export const TINY_CONFIG = fileURLToPath(new URL('./tiny-run.json', import.meta.url))
/** tsx by URL, so the CLI also starts from a cwd outside the repository. */
const TSX = import.meta.resolve('tsx')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliRun {
  child: ChildProcess
  done: Promise<CliResult>
  /** Resolves once stdout matches. */
  waitFor(pattern: RegExp): Promise<void>
}

export function startCli(args: string[], options: { cwd?: string } = {}): CliRun {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
    for (const w of waiters.filter((w) => w.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve()
    }
  })
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
  const waitFor = (pattern: RegExp): Promise<void> =>
    pattern.test(stdout)
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          waiters.push({ pattern, resolve })
          void done.then((r) => reject(new Error(`exited (${r.code ?? r.signal}) before ${pattern}: ${r.stdout}${r.stderr}`)))
        })
  return { child, done, waitFor }
}

export const runCli = (args: string[], options: { cwd?: string } = {}): Promise<CliResult> => startCli(args, options).done

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `npm run experiment -- ...args` from the repository root, the way users start it. */
export function runNpmExperiment(args: string[]): Promise<CliResult> {
  const child = spawn('npm', ['run', '--silent', 'experiment', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

/** The tiny quick-mnist run the CLI tests use: 4 labeled images a step, eval every step. */
export const tinyRun = (out: string, steps: number): string[] => [
  '--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', TINY_CONFIG, '--steps', String(steps), '--out', out
]
