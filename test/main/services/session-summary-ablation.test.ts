// The session list says which sessions are oracle ablations (issue 27): the summary carries
// the mode of an ablation run's session.json, and nothing for an ordinary run or an old one.
import { describe, expect, it } from 'vitest'
import { summarize } from '../../../src/main/services/session-store-summary'
import { withAblation } from '../../../src/shared/config/ablation'
import { presetConfig } from '../../../src/shared/config/presets'
import type { SessionManifest } from '../../../src/shared/sessions'

function manifest(config: SessionManifest['config']): SessionManifest {
  return { schemaVersion: 1, app: 'pseudoscope', name: config.name, config, status: 'finished', createdAt: 1, updatedAt: 2, versions: {}, segments: [], checkpointStep: 3, sampleSnapshots: [] }
}

describe('session summary of an ablation run', () => {
  it('names the oracle mode; ordinary and older sessions carry none', () => {
    const quick = presetConfig('quick-mnist')
    const oracle = summarize('a', '/a', manifest(withAblation(quick, 'oracle-mask')), [], 3)
    expect(oracle.ablation).toBe('oracle-mask')
    expect(oracle.name).toMatch(/oracle/)
    expect(summarize('b', '/b', manifest(withAblation(quick, 'none')), [], 3)).not.toHaveProperty('ablation')
    expect(summarize('c', '/c', manifest(quick), [], 3)).not.toHaveProperty('ablation')
  })
})
