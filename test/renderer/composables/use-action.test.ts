import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { useAction } from '../../../src/renderer/src/composables/use-action'
import { useLoader } from '../../../src/renderer/src/composables/use-loader'
import { deferred } from '../fake-api'

describe('useAction', () => {
  it('is busy while it runs, returns the result and clears the last error', async () => {
    const gate = deferred<number>()
    const action = useAction((n: number) => gate.promise.then((v) => v + n))
    action.fail(new AppError('conflict', 'before'))
    const running = action.run(1)
    expect(action.busy.value).toBe(true)
    expect(action.error.value).toBeNull()
    gate.resolve(41)
    expect(await running).toBe(42)
    expect(action.busy.value).toBe(false)
  })

  it('ignores a second call while busy (a double click starts one run)', async () => {
    let started = 0
    const gate = deferred<void>()
    const action = useAction(async () => {
      started++
      await gate.promise
    })
    const first = action.run()
    expect(await action.run()).toBeUndefined()
    gate.resolve()
    await first
    expect(started).toBe(1)
  })

  it('keeps the coded error, and retry repeats the last arguments', async () => {
    const seen: string[] = []
    let fail = true
    const action = useAction(async (name: string) => {
      seen.push(name)
      if (fail) throw new AppError('invalid-payload', `bad ${name}`)
      return name.length
    })
    expect(await action.run('x')).toBeUndefined()
    expect(action.error.value).toEqual({ code: 'invalid-payload', message: 'bad x' })
    fail = false
    expect(await action.retry()).toBe(1)
    expect(seen).toEqual(['x', 'x'])
    expect(action.error.value).toBeNull()
  })

  it('turns a plain error into an internal one', async () => {
    const action = useAction(async () => {
      throw new Error('boom')
    })
    await action.run()
    expect(action.error.value).toEqual({ code: 'internal', message: 'boom' })
  })
})

describe('useLoader', () => {
  it('keeps the latest call: an older answer landing later neither shows nor clears loading', async () => {
    const gates = [deferred<string>(), deferred<string>()]
    let i = 0
    const loader = useLoader(() => gates[i++].promise)
    const old = loader.run()
    const latest = loader.run()
    gates[1].resolve('new')
    await latest
    expect(loader.data.value).toBe('new')
    expect(loader.loading.value).toBe(false)
    gates[0].resolve('old')
    await old
    expect(loader.data.value).toBe('new')
  })

  it('drops an older failure when a newer call is running', async () => {
    const gates = [deferred<string>(), deferred<string>()]
    let i = 0
    const loader = useLoader(() => gates[i++].promise)
    const old = loader.run()
    const latest = loader.run()
    gates[0].reject(new AppError('io-error', 'old failure'))
    await old
    expect(loader.error.value).toBeNull()
    expect(loader.loading.value).toBe(true)
    gates[1].resolve('ok')
    await latest
    expect(loader.data.value).toBe('ok')
  })
})
