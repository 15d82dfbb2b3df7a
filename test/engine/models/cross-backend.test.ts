import { describe, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { CROSS_BACKEND_CASES, expectSamePass, seededBatch, trainingPass } from './training-pass'

describe('a training pass gives the same numbers on wasm (project kernels) and cpu', () => {
  for (const options of CROSS_BACKEND_CASES) {
    it(options.arch, async () => {
      const { xs, labels } = seededBatch(options, 3)
      await selectBackend('cpu')
      const expected = trainingPass(options, xs, labels)
      await selectBackend('wasm')
      expectSamePass(trainingPass(options, xs, labels), expected)
    })
  }
})
