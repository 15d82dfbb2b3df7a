// Settings → Training threads reaches a real training worker: the run trains on wasm with
// the count Settings names, and 'auto' gives it the machine's cores (one run at a time).
import { availableParallelism } from 'node:os'
import { rmSync } from 'node:fs'
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

async function threadsOfARun(name: string): Promise<number | undefined> {
  const info = await h.call('runs:start', { config: tinyConfig(name, 2) })
  const final = await h.services.runs.whenSettled(info.runId)
  expect(final.state, JSON.stringify(final.failure)).toBe('finished')
  const manifest = await readManifest(h.services.runs.get(info.runId).dir)
  expect(manifest.segments.at(-1)?.backend?.threads).toBe(final.backend?.threads)
  return final.backend?.threads
}

describe('training threads from Settings', () => {
  it('a run trains with the count Settings names, and with every core on auto', async () => {
    await h.call('settings:set', { trainingThreads: 1 })
    expect(await threadsOfARun('One thread')).toBe(1)
    await h.call('settings:set', { trainingThreads: 'auto' })
    expect(await threadsOfARun('Auto threads')).toBe(Math.min(MAX_TRAINING_THREADS, availableParallelism()))
  }, 120_000)

  it('refuses a count outside 1..8 over IPC, keeping the setting', async () => {
    const refused = await h.raw('settings:set', { trainingThreads: 64 })
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid-payload')
    expect((await h.call('settings:get', undefined)).trainingThreads).toBe('auto')
  })
})
