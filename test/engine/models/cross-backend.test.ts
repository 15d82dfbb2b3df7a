import { describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import type { ModelOptions } from '../../../src/engine/models'
import { relativeError, seededBatch, trainingPass } from './training-pass'

describe('a training pass gives the same numbers on wasm (project kernels) and cpu', () => {
  for (const options of [
    // Small shapes: the pure-JS cpu backend is very slow.
    { arch: 'small-cnn', numClasses: 10, inputShape: [12, 12, 1], bnMomentum: 0.9, leakySlope: 0.1, seed: 3 },
    { arch: 'wrn-28-2', numClasses: 10, inputShape: [8, 8, 3], bnMomentum: 0.999, leakySlope: 0.1, seed: 4 }
  ] satisfies ModelOptions[]) {
    it(options.arch, async () => {
      const { xs, labels } = seededBatch(options, 3)
      await selectBackend('cpu')
      const expected = trainingPass(options, xs, labels)
      await selectBackend('wasm')
      const actual = trainingPass(options, xs, labels)
      expect(relativeError(actual.logits, expected.logits)).toBeLessThan(1e-4)
      expected.grads.forEach((g, i) => {
        const a = actual.grads[i]
        if (g === null || a === null) expect(a, `gradient ${i}`).toBe(g)
        else expect(relativeError(a, g), `gradient ${i}`).toBeLessThan(1e-3)
      })
      expected.buffers.forEach((b, i) => expect(relativeError(actual.buffers[i], b), `buffer ${i}`).toBeLessThan(1e-4))
    })
  }
})
