import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { installDawnTickCapture, mapReadSync, type MappableBuffer } from '../../../src/engine/backend/webgpu-sync-read'

describe('Dawn tick capture', () => {
  it('leaves setImmediate working as before: arguments, clearImmediate, util.promisify', async () => {
    installDawnTickCapture()
    const got = await new Promise<unknown[]>((resolve) => setImmediate((...args: unknown[]) => resolve(args), 1, 'two'))
    expect(got).toEqual([1, 'two'])
    let ran = false
    clearImmediate(setImmediate(() => (ran = true)))
    expect(await promisify(setImmediate)('value')).toBe('value')
    expect(ran).toBe(false)
  })

  it('maps a buffer by running the captured native tick until the map is done', () => {
    installDawnTickCapture()
    // An anonymous native-looking function stands in for Dawn's tick (a bound function
    // prints as [native code]; Dawn's has no name).
    let ticks = 0
    const state = { mapState: 'pending' }
    const tick = (() => {
      ticks++
      if (ticks === 3) state.mapState = 'mapped'
    }).bind(null)
    Object.defineProperty(tick, 'name', { value: '' })
    setImmediate(tick)
    const buffer: MappableBuffer = {
      get mapState() {
        return state.mapState
      },
      mapAsync: () => new Promise<void>(() => undefined),
      getMappedRange: () => new Float32Array([1, 2]).buffer,
      unmap: () => (state.mapState = 'unmapped')
    }
    expect(Array.from(new Float32Array(mapReadSync(buffer, 1)))).toEqual([1, 2])
    expect(ticks).toBeGreaterThanOrEqual(3)
    expect(state.mapState).toBe('unmapped')
  })
})
