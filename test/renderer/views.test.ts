import { describe, expect, it } from 'vitest'
import { VIEW_NAMES, isViewName, viewForShortcut } from '../../src/renderer/src/lib/views'
import { activeBackend, describeBackend } from '../../src/renderer/src/lib/backend-label'
import type { BackendProbe } from '../../src/shared/backends'
import type { RunInfo } from '../../src/shared/runs'

describe('views', () => {
  it('maps Alt+digit to views in rail order and ignores other keys', () => {
    expect(viewForShortcut('1', true)).toBe('datasets')
    expect(viewForShortcut('6', true)).toBe('settings')
    expect(viewForShortcut('7', true)).toBeNull()
    expect(viewForShortcut('1', false)).toBeNull()
    expect(viewForShortcut('a', true)).toBeNull()
  })
  it('recognises view names', () => {
    for (const v of VIEW_NAMES) expect(isViewName(v)).toBe(true)
    expect(isViewName('nope')).toBe(false)
  })
})

describe('backend label', () => {
  const probes: BackendProbe[] = [
    { name: 'tfjs-node-gpu', available: false, device: null, detail: 'not installed' },
    { name: 'wasm', available: true, device: 'wasm-simd', detail: '' },
    { name: 'cpu', available: true, device: 'js-cpu', detail: '' }
  ]
  it('describes a report with device and threads', () => {
    expect(describeBackend({ name: 'wasm', device: 'wasm-simd', threads: 2 })).toBe('wasm (wasm-simd, 2 threads)')
    expect(describeBackend({ name: 'cpu', device: '' })).toBe('cpu')
  })
  it('prefers a running run, else the first available probe', () => {
    expect(activeBackend(probes, [])).toBe('wasm (wasm-simd)')
    const run = { state: 'running', backend: { name: 'cpu', device: 'js-cpu', detail: '', threads: 1 } } as RunInfo
    expect(activeBackend(probes, [run])).toBe('cpu (js-cpu, 1 thread)')
    expect(activeBackend(probes.slice(0, 1), [])).toBeNull()
  })
})
