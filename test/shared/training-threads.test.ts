import { describe, expect, it } from 'vitest'
import { SettingsPatchSchema, SettingsSchema } from '../../src/shared/settings'
import { MAX_TRAINING_THREADS, resolveTrainingThreads, trainingThreadsEnv } from '../../src/shared/training-threads'

describe('training threads', () => {
  it("'auto' shares the cores between the runs that may train at once, at least one each", () => {
    expect(resolveTrainingThreads('auto', 2, 1)).toBe(2)
    expect(resolveTrainingThreads('auto', 16, 2)).toBe(8)
    expect(resolveTrainingThreads('auto', 16, 1)).toBe(MAX_TRAINING_THREADS)
    expect(resolveTrainingThreads('auto', 6, 4)).toBe(1)
    expect(resolveTrainingThreads('auto', 2, 3)).toBe(1)
  })

  it('a chosen count is taken as it is, whatever the cores', () => {
    expect(resolveTrainingThreads(1, 16, 1)).toBe(1)
    expect(resolveTrainingThreads(4, 2, 2)).toBe(4)
  })

  it("settings default to 'auto' and refuse counts outside 1..8, fractions and words", () => {
    expect(SettingsSchema.parse({}).trainingThreads).toBe('auto')
    expect(SettingsPatchSchema.parse({ trainingThreads: 3 })).toEqual({ trainingThreads: 3 })
    for (const bad of [0, MAX_TRAINING_THREADS + 1, 2.5, 'many', null, '4']) {
      expect(SettingsPatchSchema.safeParse({ trainingThreads: bad }).success, String(bad)).toBe(false)
    }
  })

  it("gives a training process its share of the cores on 'auto', the chosen count over a launch-time one", () => {
    expect(trainingThreadsEnv('auto', 8, 1, {})).toEqual({ PSEUDOSCOPE_WASM_THREADS: '8' })
    expect(trainingThreadsEnv('auto', 8, 3, {})).toEqual({ PSEUDOSCOPE_WASM_THREADS: '2' })
    expect(trainingThreadsEnv(1, 8, 1, { PSEUDOSCOPE_WASM_THREADS: '4' })).toEqual({ PSEUDOSCOPE_WASM_THREADS: '1' })
  })

  it("leaves a launch-time count alone on 'auto'", () => {
    expect(trainingThreadsEnv('auto', 8, 1, { PSEUDOSCOPE_WASM_THREADS: '3' })).toEqual({})
  })
})
