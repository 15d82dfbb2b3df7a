// The renderer-facing API, derived from the contract: 'runs:sweep-now' becomes
// api.runs.sweepNow(payload).
//
// Two layers, because contextBridge strips every property of an Error but its message
// (electron#25596): the preload exposes `window.pseudoscope` as a PseudoscopeBridge whose
// methods resolve to {ok, value} | {ok, error} outcomes, and the renderer's one API module
// unwraps them into a PseudoscopeApi that throws coded AppErrors.
import { AppError, type AppErrorPayload } from '../errors'
import { INVOKE_CHANNEL_NAMES, type InvokeChannel, type InvokeRequest, type InvokeResponse } from './channels'
import type { EventChannel, EventPayload } from './events'

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

export type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? CamelCase<V> : never
export type Domain = DomainOf<InvokeChannel>

/** What travels back over IPC and through the bridge: never a thrown Error, always this. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }

type Method<C extends InvokeChannel, R> = [InvokeRequest<C>] extends [undefined]
  ? () => Promise<R>
  : (request: InvokeRequest<C>) => Promise<R>

export type InvokeMethod<C extends InvokeChannel> = Method<C, InvokeResponse<C>>
export type BridgeMethod<C extends InvokeChannel> = Method<C, IpcResult<InvokeResponse<C>>>

export type Unsubscribe = () => void
export type EventSubscriber = <E extends EventChannel>(
  event: E,
  listener: (payload: EventPayload<E>) => void
) => Unsubscribe

export type PseudoscopeApi = {
  [D in Domain]: { [C in InvokeChannel as DomainOf<C> extends D ? VerbOf<C> : never]: InvokeMethod<C> }
} & { on: EventSubscriber }

export type PseudoscopeBridge = {
  [D in Domain]: { [C in InvokeChannel as DomainOf<C> extends D ? VerbOf<C> : never]: BridgeMethod<C> }
} & { on: EventSubscriber }

function camelCaseVerb(verb: string): string {
  return verb.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase())
}

/** Where a channel lives on the API object: 'runs:sweep-now' -> ['runs', 'sweepNow']. */
export function apiPathOf(channel: InvokeChannel): [domain: Domain, method: string] {
  const [domain, verb] = channel.split(':') as [Domain, string]
  return [domain, camelCaseVerb(verb)]
}

type LooseApi = Record<string, Record<string, (payload?: unknown) => Promise<unknown>>>

function buildNested(invoke: (channel: InvokeChannel, payload: unknown) => Promise<unknown>): LooseApi {
  const api: LooseApi = {}
  for (const channel of INVOKE_CHANNEL_NAMES) {
    const [domain, method] = apiPathOf(channel)
    api[domain] ??= {}
    api[domain][method] = (payload?: unknown) => invoke(channel, payload)
  }
  return api
}

/** The bridge object from one generic invoke that answers outcomes (preload, e2e harness). */
export function buildBridge(
  invoke: (channel: InvokeChannel, payload: unknown) => Promise<IpcResult<unknown>>,
  on: EventSubscriber
): PseudoscopeBridge {
  return Object.assign(buildNested(invoke), { on }) as unknown as PseudoscopeBridge
}

/** The throwing API over a bridge: outcomes become values or AppErrors with their code. */
export function unwrapBridge(bridge: PseudoscopeBridge): PseudoscopeApi {
  const loose = bridge as unknown as LooseApi
  const api = buildNested(async (channel, payload) => {
    const [domain, method] = apiPathOf(channel)
    const call = loose[domain]?.[method]
    if (!call) throw new AppError('not-implemented', `bridge has no ${channel}`)
    const result = (await call(payload)) as IpcResult<unknown>
    if (result.ok) return result.value
    throw AppError.fromPayload(result.error)
  })
  return Object.assign(api, { on: bridge.on }) as unknown as PseudoscopeApi
}
