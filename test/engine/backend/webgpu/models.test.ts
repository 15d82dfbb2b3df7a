// Both models' training pass on webgpu against cpu: logits, every parameter gradient, the
// moving statistics, and inference logits. Tolerance 1e-4 for logits and statistics, 1e-3
// for gradients (float32, worst |diff| over the largest |cpu value|), as for wasm.
import { expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import type { ModelOptions } from '../../../../src/engine/models'
import { seededBatch, trainingPass } from '../../models/training-pass'
import { relativeError } from './compare'
import { describeWebgpu } from './gate'

describeWebgpu('a model training pass gives the same numbers on webgpu and cpu', () => {
  for (const options of [
    { arch: 'small-cnn', numClasses: 10, inputShape: [12, 12, 1], bnMomentum: 0.9, leakySlope: 0.1, seed: 3 },
    { arch: 'wrn-28-2', numClasses: 10, inputShape: [8, 8, 3], bnMomentum: 0.999, leakySlope: 0.1, seed: 4 }
  ] satisfies ModelOptions[]) {
    it(options.arch, async () => {
      const { xs, labels } = seededBatch(options, 3)
      await selectBackend('cpu')
      const expected = trainingPass(options, xs, labels)
      await selectBackend('webgpu')
      const actual = trainingPass(options, xs, labels)
      const errors = {
        logits: relativeError(actual.logits, expected.logits),
        evalLogits: relativeError(actual.evalLogits, expected.evalLogits),
        grads: Math.max(...expected.grads.map((g, i) => (g === null ? 0 : relativeError(actual.grads[i] ?? new Float32Array(), g)))),
        buffers: Math.max(...expected.buffers.map((b, i) => relativeError(actual.buffers[i], b)))
      }
      console.log(`${options.arch} webgpu vs cpu, worst relative errors: ${JSON.stringify(errors)}`)
      expect(errors.logits).toBeLessThan(1e-4)
      expect(errors.evalLogits).toBeLessThan(1e-4)
      expect(errors.buffers).toBeLessThan(1e-4)
      expected.grads.forEach((g, i) => {
        const a = actual.grads[i]
        if (g === null || a === null) expect(a, `gradient ${i}`).toBe(g)
        else expect(relativeError(a, g), `gradient ${i}`).toBeLessThan(1e-3)
      })
    })
  }
})
