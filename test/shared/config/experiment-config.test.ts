import { describe, expect, it } from 'vitest'
import { requireValidConfig } from '../../../src/shared/config/experiment-config'
import { presetConfig } from '../../../src/shared/config/presets'
import { AppError } from '../../../src/shared/errors'

describe('requireValidConfig', () => {
  it('returns a valid config with defaults applied', () => {
    const { backend: _backend, ...withoutBackend } = presetConfig('quick-mnist')
    expect(requireValidConfig(withoutBackend).backend).toBe('auto')
  })

  it('refuses an invalid one as invalid-config naming every bad field, with the issues as details', () => {
    const config = presetConfig('quick-mnist')
    const broken = { ...config, steps: 0, optimizer: { ...config.optimizer, lr: -1 } }
    let caught: unknown
    try {
      requireValidConfig(broken)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AppError)
    const error = caught as AppError
    expect(error.code).toBe('invalid-config')
    expect(error.message).toBe('invalid experiment config: optimizer.lr: learning rate must be positive; steps: steps must be at least 1')
    expect((error.details as { path: string }[]).map((issue) => issue.path)).toEqual(['optimizer.lr', 'steps'])
  })
})
