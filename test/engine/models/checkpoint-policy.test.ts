import { describe, expect, it } from 'vitest'
import { shouldCheckpoint, WASM_ACTIVATION_BUDGET } from '../../../src/engine/models/checkpoint-policy'

describe('shouldCheckpoint', () => {
  it('auto: only on wasm, only past the activation budget', () => {
    expect(shouldCheckpoint('auto', 'wasm', WASM_ACTIVATION_BUDGET + 1)).toBe(true)
    expect(shouldCheckpoint('auto', 'wasm', WASM_ACTIVATION_BUDGET)).toBe(false)
    for (const backend of ['cpu', 'webgpu', 'tensorflow']) expect(shouldCheckpoint('auto', backend, 8 * WASM_ACTIVATION_BUDGET)).toBe(false)
  })

  it('always and never ignore backend and size', () => {
    expect(shouldCheckpoint('always', 'cpu', 0)).toBe(true)
    expect(shouldCheckpoint('never', 'wasm', 8 * WASM_ACTIVATION_BUDGET)).toBe(false)
  })
})
