// `npm run sweep` as a terminal runs it: its own process group, so ^C can go to the whole
// foreground group (npm, the sweep, its runners). Plus the tiny spec the sweep tests share.
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { constants } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface SweepProcess {
  /** Resolves with what a shell's $? would say, and the output. */
  done: Promise<{ status: number; output: string }>
  output(): string
  waitFor(test: (output: string) => boolean, timeoutMs?: number): Promise<void>
  signalGroup(signal: NodeJS.Signals): void
}

export function startSweep(args: string[], env: NodeJS.ProcessEnv = {}): SweepProcess {
  const child = spawn('npm', ['run', '--silent', 'sweep', '--', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env }
  })
  let output = ''
  const take = (d: Buffer): void => void (output += d.toString())
  child.stdout.on('data', take)
  child.stderr.on('data', take)
  const done = new Promise<{ status: number; output: string }>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ status: code ?? 128 + constants.signals[signal as NodeJS.Signals], output }))
  })
  let exited = false
  void done.then(() => (exited = true))
  return {
    done,
    output: () => output,
    async waitFor(test, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs
      while (!test(output)) {
        if (exited) throw new Error(`npm run sweep exited before the awaited output:\n${output}`)
        if (Date.now() > until) throw new Error(`timed out waiting; output so far:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    },
    signalGroup: (signal) => process.kill(-(child.pid as number), signal)
  }
}

export const runSweep = (args: string[], env?: NodeJS.ProcessEnv) => startSweep(args, env).done

/** Quick MNIST at its smallest: 2 labels a class, batches of 4 + 4, one eval at the end. */
export const TINY_CONFIG = {
  batch: { labeled: 4, mu: 1 },
  split: { labelsPerClass: 2 },
  evalInterval: 1000,
  sweepInterval: 0,
  checkpointInterval: 0,
  backend: 'wasm'
}

export async function writeSpec(dir: string, spec: Record<string, unknown>): Promise<string> {
  const path = join(dir, `${String(spec.name)}.spec.json`)
  await writeFile(path, JSON.stringify(spec))
  return path
}
