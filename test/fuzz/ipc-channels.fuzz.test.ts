// Every channel of the real handler table, driven with generated hostile payloads (paths,
// '..', option strings, ProxyCommands aimed at a sentinel, long and odd unicode strings,
// wrong types). Each answer must be {ok:true} or a typed refusal, nothing may be written or
// run outside the app's own folder, and no worker may get a data folder main did not choose.
import fc from 'fast-check'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { INVOKE_CHANNEL_NAMES, INVOKE_CHANNELS } from '../../src/shared/contract'
import { SlurmOptionsSchema } from '../../src/shared/sweep-manifest'
import { presetConfig } from '../../src/shared/config/presets'
import { createFuzzWorld, removeFuzzRoots, untypedAnswer, type FuzzWorld } from './fuzz-world'
import { leavesFor, payloadArbitrary, resolveIds } from './ipc-payloads'
import { payloadFor, takesUnknown } from './zod-arbitrary'

const SEED = 20_251_205
const RUNS_PER_CHANNEL = 30
/** Channels that take a config or a grid (an unknown in their schema) get more cases. */
const RUNS_PER_CONFIG_CHANNEL = 150
const SETTINGS_THEN_USE_RUNS = 60

describe('every IPC channel under hostile payloads', () => {
  let world: FuzzWorld
  const counts: Record<string, number> = {}
  /** Answers by channel and outcome ('ok' or the error code), to show payloads get past validation. */
  const outcomes: Record<string, Record<string, number>> = {}

  // A fresh world per test, seeded with a real session and a real sweep for the id tokens.
  beforeEach(async () => {
    world = createFuzzWorld('ipc')
    const config = { ...presetConfig('quick-mnist'), steps: 4 }
    await world.call('runs:start', { config })
    await world.call('sweeps:submit', { name: 'seeded', config, grid: { seed: [1, 2] }, executor: 'local' })
    await world.settle()
  })
  afterEach(async () => {
    await world.dispose()
  })
  afterAll(async () => {
    await removeFuzzRoots()
    console.log(`[fuzz] IPC outcomes: ${JSON.stringify(outcomes)}`)
    console.log(`[fuzz] IPC cases: ${JSON.stringify(counts)} (${Object.values(counts).reduce((a, b) => a + b, 0)} in all, seed ${SEED})`)
  })

  /** One call, judged: typed answer, nothing outside touched, no foreign data folder. */
  async function judgedCall(channel: string, payload: unknown): Promise<unknown> {
    const before = world.snapshot()
    const spawned = world.spawner.workers.length
    const resolved = await resolveIds(world, payload)
    const result = await world.call(channel, resolved)
    await world.settle()
    const outcome = result.ok ? 'ok' : result.error.code
    outcomes[channel] = { ...outcomes[channel], [outcome]: (outcomes[channel]?.[outcome] ?? 0) + 1 }
    const fault = untypedAnswer(result)
    expect(fault, `${channel} answered ${JSON.stringify(result)}`).toBeNull()
    expect(world.trespass(before), `${channel} wrote outside the app's folder`).toEqual([])
    expect(world.foreignDataDirs(spawned), `${channel} gave a worker a data folder`).toEqual([])
    return result
  }

  /** Each case starts from the default settings, so a failing case replays alone. */
  const resetSettings = (): void => {
    world.services.settings.set({ sweepSlurm: SlurmOptionsSchema.parse({}), sessionsDir: null })
  }

  it.each(INVOKE_CHANNEL_NAMES)('%s: typed answers, no trespass', async (channel) => {
    const leaves = leavesFor(world)
    counts[channel] = 0
    await fc.assert(
      fc.asyncProperty(payloadArbitrary(channel, leaves), async (payload) => {
        counts[channel] += 1
        resetSettings()
        await judgedCall(channel, payload)
      }),
      { seed: SEED, numRuns: takesUnknown(INVOKE_CHANNELS[channel].request) ? RUNS_PER_CONFIG_CHANNEL : RUNS_PER_CHANNEL }
    )
  })

  it('stored Slurm settings, then the sweeps that use them', async () => {
    const leaves = leavesFor(world)
    const submit = fc.record({
      executor: fc.constantFrom('slurm', 'slurm', 'local'),
      grid: fc.constantFrom({ seed: [1] }, { seed: [1, 2] })
    })
    counts['settings then sweeps'] = 0
    await fc.assert(
      fc.asyncProperty(payloadFor(SlurmOptionsSchema, leaves, ['sweepSlurm']), submit, async (sweepSlurm, { executor, grid }) => {
        counts['settings then sweeps'] += 1
        resetSettings()
        const stored = (await judgedCall('settings:set', { sweepSlurm })) as { ok: boolean }
        // Refused settings change nothing: the sweeps after them are the per-channel cases'.
        if (!stored.ok) return
        // What the user does next, with no hostile input of their own.
        const config = { ...presetConfig('quick-mnist'), steps: 4 }
        const submitted = (await judgedCall('sweeps:submit', { name: 'fuzz', config, grid, executor })) as { ok: boolean; value?: { id: string } }
        if (!submitted.ok || !submitted.value) return
        const sweepId = submitted.value.id
        await judgedCall('sweeps:get', { sweepId })
        await judgedCall('sweeps:cancel', { sweepId, runIndex: null })
        await judgedCall('sweeps:resubmit', { sweepId })
        await judgedCall('sweeps:cancel', { sweepId, runIndex: null })
      }),
      { seed: SEED, numRuns: SETTINGS_THEN_USE_RUNS }
    )
  })
})
