// Runs `npm run experiment` the way a terminal does: in its own process group, so a signal
// can go to the whole foreground group (npm, and the node it started) as ^C does.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface TerminalResult {
  /** What a shell's $? would say: the exit code, or 128 + the signal that killed npm. */
  status: number
  output: string
}

/** Starts the command; `onOutput` may call `signalGroup` once it sees what it waits for. */
export function runInTerminal(
  args: string[],
  onOutput: (text: string, signalGroup: (signal: NodeJS.Signals) => void) => void
): Promise<TerminalResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'experiment', '--', ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    const signalGroup = (signal: NodeJS.Signals): void => {
      process.kill(-(child.pid as number), signal)
    }
    const take = (d: Buffer): void => {
      output += d.toString()
      onOutput(output, signalGroup)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ status: code ?? 128 + constants.signals[signal as NodeJS.Signals], output }))
  })
}
