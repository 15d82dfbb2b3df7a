// The renderer's `api` over a bridge whose main side is a table of test handlers: calls go
// through the contract's real unwrap (a failed outcome becomes a coded AppError), events
// through the same `on` the preload provides. Test files route api/client here with
//   vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))
import { buildBridge, unwrapBridge, type InvokeChannel } from '../../src/shared/contract'
import { toErrorPayload } from '../../src/shared/errors'

type Handler = (payload: unknown) => unknown

export const handlers = new Map<InvokeChannel, Handler>()
export const calls: { channel: InvokeChannel; payload: unknown }[] = []
const listeners = new Map<string, Set<(payload: unknown) => void>>()

export function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

export function reset(): void {
  handlers.clear()
  calls.length = 0
  listeners.clear()
}

/** A promise settled from outside: lets a test decide which of two loads lands first. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

export const api = unwrapBridge(
  buildBridge(
    async (channel, payload) => {
      calls.push({ channel, payload })
      const handler = handlers.get(channel)
      if (!handler) return { ok: false, error: { code: 'not-implemented', message: `no test handler for ${channel}` } }
      try {
        return { ok: true, value: await handler(payload) }
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) }
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    }
  )
)
