import { describe, expect, it } from 'vitest'
import { workerThreadsEnv } from '../../../src/main/services/worker-threads-env'

describe('workerThreadsEnv', () => {
  it("gives each worker its share of the cores on 'auto'", () => {
    expect(workerThreadsEnv({ trainingThreads: 'auto', maxConcurrentRuns: 1 }, 8, {})).toEqual({ PSEUDOSCOPE_WASM_THREADS: '8' })
    expect(workerThreadsEnv({ trainingThreads: 'auto', maxConcurrentRuns: 3 }, 8, {})).toEqual({ PSEUDOSCOPE_WASM_THREADS: '2' })
  })

  it('gives the chosen count, over a count the app was launched with', () => {
    expect(workerThreadsEnv({ trainingThreads: 1, maxConcurrentRuns: 1 }, 8, { PSEUDOSCOPE_WASM_THREADS: '4' })).toEqual({ PSEUDOSCOPE_WASM_THREADS: '1' })
  })

  it("leaves a launch-time count alone on 'auto'", () => {
    expect(workerThreadsEnv({ trainingThreads: 'auto', maxConcurrentRuns: 1 }, 8, { PSEUDOSCOPE_WASM_THREADS: '3' })).toEqual({})
  })
})
