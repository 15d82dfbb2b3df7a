// The sandboxed preload: exposes `window.pseudoscope`, built from the contract. Only
// contract channels pass; listeners get the payload, never the IpcRendererEvent.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  buildBridge,
  EVENT_CHANNEL_NAMES,
  INVOKE_CHANNEL_NAMES,
  type EventChannel,
  type EventPayload,
  type EventSubscriber,
  type InvokeChannel,
  type IpcResult
} from '../shared/contract'

const invokeChannels = new Set<string>(INVOKE_CHANNEL_NAMES)
const eventChannels = new Set<string>(EVENT_CHANNEL_NAMES)

async function invoke(channel: InvokeChannel, payload: unknown): Promise<IpcResult<unknown>> {
  if (!invokeChannels.has(channel)) {
    return { ok: false, error: { code: 'not-found', message: `unknown channel '${String(channel)}'` } }
  }
  return (await ipcRenderer.invoke(channel, payload)) as IpcResult<unknown>
}

const on: EventSubscriber = <E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) => {
  if (!eventChannels.has(event)) throw new Error(`unknown event '${String(event)}'`)
  const forward = (_event: IpcRendererEvent, payload: EventPayload<E>): void => listener(payload)
  ipcRenderer.on(event, forward)
  return () => {
    ipcRenderer.removeListener(event, forward)
  }
}

contextBridge.exposeInMainWorld('pseudoscope', buildBridge(invoke, on))
