// How a run state reads is one rule (shared/runs), applied by main's run manager and the UI.
import { describe, expect, it } from 'vitest'
import { RUN_STATES, RunStateSchema, canStopRun, isRunActive, isRunFinal } from '../../src/shared/runs'

describe('run states', () => {
  it('every state is either active or final, and only active ones not yet stopping can be stopped', () => {
    const table = Object.fromEntries(RUN_STATES.map((s) => [s, [isRunActive(s), isRunFinal(s), canStopRun(s)]]))
    expect(table).toEqual({
      queued: [true, false, true],
      starting: [true, false, true],
      running: [true, false, true],
      paused: [true, false, true],
      stopping: [true, false, false],
      finished: [false, true, false],
      stopped: [false, true, false],
      failed: [false, true, false]
    })
  })

  it('the list is the schema, which refuses a state it does not know', () => {
    expect(RUN_STATES).toEqual(RunStateSchema.options)
    expect(RunStateSchema.safeParse('stopping').success).toBe(true)
    expect(RunStateSchema.safeParse('done').success).toBe(false)
  })
})
