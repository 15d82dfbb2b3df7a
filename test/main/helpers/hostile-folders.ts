// Helpers for tests that build hostile session and sweep folders: FIFOs made with mkfifo,
// a time bound on an answer, and a small real session.
import { execFileSync } from 'node:child_process'
import { closeSync, constants, openSync, rmSync } from 'node:fs'
import { presetConfig } from '../../../src/shared/config/presets'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { sampleState, stepRecord } from '../../node/session/fixtures'

const fifos: string[] = []

/** A FIFO at path (whatever was there is removed). */
export function mkfifo(path: string): void {
  rmSync(path, { recursive: true, force: true })
  execFileSync('mkfifo', [path])
  fifos.push(path)
}

/** Lets go of any reader a FIFO holds (code that opens one blocking waits for a writer). */
export function releaseFifos(): void {
  for (const path of fifos.splice(0)) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // no reader waits on it
    }
  }
}

/** The answer, or 'timeout' when it does not come within ms. */
export async function within<T>(promise: Promise<T>, ms = 4000): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** A closed session with `steps` metrics lines and a sample snapshot at the last step. */
export async function makeSession(dir: string, name: string, steps = 3): Promise<void> {
  const writer = await SessionWriter.create(dir, { name, config: presetConfig('quick-mnist'), versions: {} })
  writer.appendMetrics(Array.from({ length: steps }, (_, i) => stepRecord(i + 1)))
  await writer.writeSampleSnapshot(sampleState(steps))
  await writer.close()
}
