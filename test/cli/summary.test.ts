import { describe, expect, it } from 'vitest'
import { formatAdapter } from '../../src/cli/summary'

describe('formatAdapter', () => {
  it('prints the adapter, whether it is software, and the limits the run asked for', () => {
    const adapter = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7', software: true, limits: { maxStorageBufferBindingSize: 134217728, maxBufferSize: 4294967295 } }
    expect(formatAdapter(adapter)).toBe('GPU adapter: llvmpipe: Mesa 25.0.7 (mesa, software) [software]; requested limits: maxStorageBufferBindingSize=134217728 maxBufferSize=4294967295')
    expect(formatAdapter({ ...adapter, software: false })).not.toContain('[software]')
  })
})
