// Both models' training pass on webgpu against cpu: logits, every parameter gradient, the
// moving statistics, and inference logits, held to the same float32 tolerances as wasm.
import { it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { CROSS_BACKEND_CASES, expectSamePass, relativeError, seededBatch, trainingPass } from '../../models/training-pass'
import { describeWebgpu } from './gate'

describeWebgpu('a model training pass gives the same numbers on webgpu and cpu', () => {
  for (const options of CROSS_BACKEND_CASES) {
    it(options.arch, async () => {
      const { xs, labels } = seededBatch(options, 3)
      await selectBackend('cpu')
      const expected = trainingPass(options, xs, labels)
      await selectBackend('webgpu')
      const actual = trainingPass(options, xs, labels)
      const worstGrad = Math.max(...expected.grads.map((g, i) => (g === null ? 0 : relativeError(actual.grads[i] ?? new Float32Array(), g))))
      console.log(`${options.arch} webgpu vs cpu: logits ${relativeError(actual.logits, expected.logits)}, worst gradient ${worstGrad}`)
      expectSamePass(actual, expected)
    })
  }
})
