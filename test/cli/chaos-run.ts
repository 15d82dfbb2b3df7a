// Chaos for training and checkpointing: the CLI is killed with SIGKILL at random moments
// (starting up, mid-step, mid-checkpoint, mid-sweep, mid-append) and resumed after each
// kill. Every session must end with metrics 1..N, no step twice, the same values as an
// uninterrupted run of the same seed, and a checkpoint byte-identical to that run's.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { Rng } from '../../src/shared/rng'
import { runCli, startCli } from './cli-process'

const CONFIG = fileURLToPath(new URL('./chaos-run.json', import.meta.url))
export const CHAOS_STEPS = 8

const args = (out: string): string[] => [
  '--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--seed', '7', '--config', CONFIG, '--steps', String(CHAOS_STEPS), '--out', out
]

interface Outcome {
  weights: Buffer
  losses: (number | null)[]
}

async function outcome(dir: string): Promise<Outcome> {
  const session = await readSessionFolder(dir)
  const steps = session.metrics.map((m) => m.step)
  const expected = Array.from({ length: CHAOS_STEPS }, (_, i) => i + 1)
  if (JSON.stringify(steps) !== JSON.stringify(expected)) throw new Error(`${dir}: metrics steps ${steps.join(',')}`)
  if (session.manifest.status !== 'finished') throw new Error(`${dir}: status ${session.manifest.status}`)
  return { weights: readFileSync(join(dir, 'checkpoint', 'weights.bin')), losses: session.metrics.map((m) => (Number.isNaN(m.loss) ? null : m.loss)) }
}

export interface ChaosReport {
  kills: number
  survived: number
  sessions: number
  failures: string[]
}

/** Runs until `kills` kills have landed; each session is then finished and checked. */
export async function chaos(root: string, kills: number, seed: number, log: (line: string) => void = () => undefined): Promise<ChaosReport> {
  const reference = join(root, 'reference')
  const started = Date.now()
  const straight = await runCli(args(reference))
  if (straight.code !== 0) throw new Error(`reference run failed: ${straight.stderr}`)
  // How long a whole run takes here bounds the kill moments.
  const span = Date.now() - started
  const expected = await outcome(reference)
  const rng = new Rng(seed)
  const report: ChaosReport = { kills: 0, survived: 0, sessions: 0, failures: [] }
  while (report.kills < kills) {
    const dir = join(root, `session-${report.sessions++}`)
    let killsHere = 0
    let finished = false
    while (!finished) {
      const resumable = existsSync(join(dir, 'session.json')) && (await readSessionFolder(dir).then((s) => s.manifest.checkpointStep !== null, () => false))
      // Killed before the first checkpoint: nothing to keep, start again (as a user would).
      if (!resumable) rmSync(dir, { recursive: true, force: true })
      const run = startCli(resumable ? ['--resume', dir] : args(dir))
      const landKill = report.kills < kills
      const timer = landKill ? setTimeout(() => run.child.kill('SIGKILL'), Math.floor(rng.next() * span)) : null
      const result = await run.done
      if (timer) clearTimeout(timer)
      if (result.signal === 'SIGKILL') {
        report.kills++
        killsHere++
        continue
      }
      if (result.code === 0) finished = true
      else if (result.code === 2 && /is finished/.test(result.stderr)) finished = true
      else {
        report.failures.push(`${dir}: exit ${result.code}: ${result.stderr.trim()}`)
        break
      }
    }
    if (!finished) continue
    try {
      const got = await outcome(dir)
      if (!got.weights.equals(expected.weights)) throw new Error(`${dir}: weights differ from the uninterrupted run`)
      if (JSON.stringify(got.losses) !== JSON.stringify(expected.losses)) throw new Error(`${dir}: losses differ from the uninterrupted run`)
      report.survived += killsHere
      log(`${dir}: ${killsHere} kill(s) survived`)
    } catch (error) {
      report.failures.push((error as Error).message)
    }
  }
  return report
}
