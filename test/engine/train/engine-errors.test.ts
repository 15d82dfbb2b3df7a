import { describe, expect, it } from 'vitest'
import { explainEngineError } from '../../../src/engine/train/engine-errors'
import { AppError } from '../../../src/shared/errors'

const context = { backend: 'wasm', step: 1, arch: 'wrn-28-2', imagesPerStep: 960 }

describe('explainEngineError', () => {
  it.each(['Aborted(). Build with -sASSERTIONS for more info.', 'memory access out of bounds', 'table index is out of bounds'])(
    'explains the wasm trap %j as an out-of-memory the user can act on',
    (message) => {
      const explained = explainEngineError(new Error(message), context)
      expect(explained).toBeInstanceOf(AppError)
      expect((explained as AppError).message).toMatch(/wasm backend ran out of memory at step 1: wrn-28-2 with 960 images/)
      expect((explained as AppError).details).toEqual({ cause: message })
    }
  )

  it('leaves other errors, and the same trap on other backends, as they are', () => {
    const other = new Error('shape mismatch')
    expect(explainEngineError(other, context)).toBe(other)
    const native = new Error('memory access out of bounds')
    expect(explainEngineError(native, { ...context, backend: 'cpu' })).toBe(native)
  })
})
