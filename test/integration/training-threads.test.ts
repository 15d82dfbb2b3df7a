// Settings → Training threads reaches a real training worker: the run trains on wasm with
// the count Settings names, and 'auto' gives it the machine's cores (one run at a time).
import { availableParallelism } from 'node:os'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readManifest } from '../../src/node/session/session-reader'
import { MAX_TRAINING_THREADS } from '../../src/shared/training-threads'
import { createHarness, tinyConfig, type Harness } from './runs-helpers'

let h: Harness
// A count given to the test process itself would win over 'auto'.
const launchedWith = process.env.PSEUDOSCOPE_WASM_THREADS
beforeAll(() => {
  delete process.env.PSEUDOSCOPE_WASM_THREADS
  h = createHarness()
})
afterAll(async () => {
  if (launchedWith !== undefined) process.env.PSEUDOSCOPE_WASM_THREADS = launchedWith
  await h.services.shutdown(5000)
  rmSync(h.root, { recursive: true, force: true })
})

/** The thread count a run trained with, and its per-step losses as written to metrics.jsonl. */
async function threadsOfARun(name: string): Promise<{ threads: number | undefined; losses: number[] }> {
  const info = await h.call('runs:start', { config: tinyConfig(name, 4) })
  const final = await h.services.runs.whenSettled(info.runId)
  expect(final.state, JSON.stringify(final.failure)).toBe('finished')
  const manifest = await readManifest(h.services.runs.get(info.runId).dir)
  expect(manifest.segments.at(-1)?.backend?.threads).toBe(final.backend?.threads)
  const lines = readFileSync(path.join(h.services.runs.get(info.runId).dir, 'metrics.jsonl'), 'utf8').trim().split('\n')
  return { threads: final.backend?.threads, losses: lines.map((line) => (JSON.parse(line) as { loss: number }).loss) }
}

describe('training threads from Settings', () => {
  it('a run trains with the count Settings names, and with every core on auto', async () => {
    await h.call('settings:set', { trainingThreads: 1 })
    const one = await threadsOfARun('One thread')
    expect(one.threads).toBe(1)
    await h.call('settings:set', { trainingThreads: 'auto' })
    const auto = await threadsOfARun('Auto threads')
    expect(auto.threads).toBe(Math.min(MAX_TRAINING_THREADS, availableParallelism()))
    // Threads change the speed, not the numbers (each output is computed by one thread, in
    // the wasm kernels and in oneDNN's): the same config and seed give the same losses.
    expect(auto.losses).toHaveLength(4)
    expect(auto.losses).toEqual(one.losses)
  }, 120_000)

  it('refuses a count outside 1..8 over IPC, keeping the setting', async () => {
    const refused = await h.raw('settings:set', { trainingThreads: 64 })
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid-payload')
    expect((await h.call('settings:get', undefined)).trainingThreads).toBe('auto')
  })
})
