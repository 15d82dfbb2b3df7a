// `window.pseudoscope` in the browser: the bridge's shape comes from the contract, each call
// goes through a Playwright binding into `dispatch` (the validation + handler path main
// uses), and EventSink events are delivered to the page's listeners.
import type { BrowserContext, Page } from 'playwright-core'
import { apiPathOf, EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../../../src/shared/contract'
import { dispatch } from '../../../src/main/ipc/handle'
import type { EventSink, HandlerTable } from '../../../src/main/ipc/handler-types'

const INVOKE_BINDING = '__pseudoscopeInvoke'
const DELIVER = '__pseudoscopeDeliver'

interface BridgeShape {
  methods: [channel: string, domain: string, method: string][]
  events: string[]
  invokeBinding: string
  deliver: string
}

/** Runs in the page before any of its scripts. */
function installBridge(shape: BridgeShape): void {
  const target = globalThis as unknown as Record<string, unknown>
  const call = target[shape.invokeBinding] as (channel: string, payload: unknown) => Promise<unknown>
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const bridge: Record<string, unknown> = {}
  for (const [channel, domain, method] of shape.methods) {
    const group = (bridge[domain] ??= {}) as Record<string, unknown>
    group[method] = (payload?: unknown) => call(channel, payload)
  }
  bridge['on'] = (event: string, listener: (payload: unknown) => void) => {
    if (!shape.events.includes(event)) throw new Error(`unknown event '${event}'`)
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => set.delete(listener)
  }
  Object.defineProperty(globalThis, shape.deliver, {
    value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload))
  })
  Object.defineProperty(globalThis, 'pseudoscope', { value: Object.freeze(bridge) })
}

export async function installPageBridge(context: BrowserContext, table: HandlerTable): Promise<void> {
  await context.exposeBinding(INVOKE_BINDING, (_source, channel: string, payload: unknown) => dispatch(table, channel, payload))
  const shape: BridgeShape = {
    methods: INVOKE_CHANNEL_NAMES.map((channel) => [channel, ...apiPathOf(channel)]),
    events: [...EVENT_CHANNEL_NAMES],
    invokeBinding: INVOKE_BINDING,
    deliver: DELIVER
  }
  // Under tsx (the renderer bench), esbuild's keepNames wraps functions in __name(), which a
  // function serialized into the page would call: give the page a no-op one first.
  await context.addInitScript('globalThis.__name ??= (fn) => fn')
  await context.addInitScript(installBridge, shape)
}

/** An EventSink that forwards to every open page; set the pages once they exist. */
export function pageEventSink(pages: () => Page[]): EventSink {
  return (event, payload) => {
    for (const page of pages()) {
      if (page.isClosed()) continue
      page
        .evaluate(([name, event_, value]) => {
          const deliver = (globalThis as unknown as Record<string, (e: string, p: unknown) => void>)[name]
          deliver?.(event_, value)
        }, [DELIVER, event, payload] as const)
        .catch(() => undefined)
    }
  }
}
