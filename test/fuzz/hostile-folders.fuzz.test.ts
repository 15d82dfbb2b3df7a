// Hostile session and sweep folders, generated inside the app's own sessions and sweeps
// folders: whatever they hold, listing, opening, resuming and following them answers (or
// refuses, typed) within a time bound, and nothing outside them changes or runs.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFuzzWorld, removeFuzzRoots, untypedAnswer, type FuzzWorld } from './fuzz-world'
import { editSweep, makeFolders, mutate, mutationArb, releaseAndRemove, SWEEP_EDITS } from './hostile-folders'

const SEED = 20_251_205
const NUM_RUNS = 60
/** Per call: a healthy folder answers in milliseconds; a blocked open never does. */
const CALL_BOUND_MS = 4000

describe('hostile session and sweep folders', () => {
  let world: FuzzWorld
  let cases = 0
  const outcomes: Record<string, Record<string, number>> = {}

  beforeAll(() => {
    world = createFuzzWorld('folders')
  })
  afterAll(async () => {
    await world.dispose()
    await removeFuzzRoots()
    console.log(`[fuzz] hostile-folder outcomes: ${JSON.stringify(outcomes)}`)
    console.log(`[fuzz] hostile-folder cases: ${cases} (seed ${SEED})`)
  })

  it('list, open, resume and follow answer in time, typed, touching nothing outside', async () => {
    const sessionsDir = world.services.sessionsDir()
    const sweepsDir = world.services.sweeps.sweepsDir()
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...SWEEP_EDITS), async (mutations, edit) => {
        cases += 1
        const name = `case-${cases}`
        const folders = await makeFolders(sessionsDir, sweepsDir, name)
        const before = world.snapshot()
        const fifos: string[] = []
        try {
          editSweep(folders, edit, world.sentinel, world.outside)
          for (const m of mutations) {
            const path = mutate(folders, m, world.outside)
            if (path && m.kind === 'fifo') fifos.push(path)
          }
          const calls: [string, unknown][] = [
            ['sessions:list', undefined],
            ['sessions:open', { sessionId: name }],
            ['sessions:samples', { sessionId: name, step: null }],
            ['runs:continue', { sessionId: name }],
            ['sweeps:list', undefined],
            ['sweeps:get', { sweepId: name }],
            ['sweeps:open-run', { sweepId: name, runIndex: 0 }],
            ['sweeps:resubmit', { sweepId: name }]
          ]
          for (const [channel, payload] of calls) {
            const result = await world.call(channel, payload, CALL_BOUND_MS)
            await world.settle()
            const outcome = result.ok ? 'ok' : result.error.code
            outcomes[channel] = { ...outcomes[channel], [outcome]: (outcomes[channel]?.[outcome] ?? 0) + 1 }
            expect(untypedAnswer(result), `${channel} answered ${JSON.stringify(result).slice(0, 300)}`).toBeNull()
            expect(world.trespass(before), `${channel} changed something outside the folders`).toEqual([])
          }
        } finally {
          releaseAndRemove(folders, fifos)
          await world.settle()
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: 90_000 }
    )
  }, 120_000)
})
