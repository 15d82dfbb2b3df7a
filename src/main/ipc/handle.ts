// The one place that calls ipcMain.handle. Every channel of the contract gets: a sender
// check, payload validation against the contract's schema, and an {ok, value} | {ok, error}
// answer. `dispatch` is the Electron-free half, shared with the browser e2e harness.
import { toErrorPayload, type AppErrorPayload } from '../../shared/errors'
import { INVOKE_CHANNELS, INVOKE_CHANNEL_NAMES, type InvokeChannel, type IpcResult } from '../../shared/contract'
import type { HandlerTable } from './handler-types'

/** The parts of Electron's WebFrameMain the sender check needs. */
export interface SenderFrame {
  url: string
  processId: number
  routingId: number
}

/** The parts of Electron's IpcMainInvokeEvent and IpcMain that binding needs. */
export interface InvokeEventLike {
  senderFrame: SenderFrame | null
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload?: unknown) => Promise<unknown>): void
}

export interface ValidationIssue {
  path: string
  code: string
  message: string
}

function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(INVOKE_CHANNELS, channel)
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(payload)' : path.map(String).join('.')
}

function invalidPayload(channel: string, issues: ValidationIssue[]): AppErrorPayload {
  const first = issues[0]
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return {
    code: 'invalid-payload',
    message: `${channel}: ${first ? `${first.path}: ${first.message}` : 'invalid payload'}${more}`,
    details: issues
  }
}

/** Validate and call one channel's handler; never throws, always an outcome. */
export async function dispatch(table: HandlerTable, channel: string, payload: unknown): Promise<IpcResult<unknown>> {
  if (!isInvokeChannel(channel)) {
    return { ok: false, error: { code: 'not-found', message: `unknown channel '${channel}'` } }
  }
  const parsed = INVOKE_CHANNELS[channel].request.safeParse(payload)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: describePath(issue.path),
      code: issue.code,
      message: issue.message
    }))
    return { ok: false, error: invalidPayload(channel, issues) }
  }
  try {
    const handler = table[channel] as (request: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value }
  } catch (error) {
    const payloadOut = toErrorPayload(error)
    if (payloadOut.code === 'internal') console.error(`[ipc] ${channel} failed:`, error)
    return { ok: false, error: payloadOut }
  }
}

export function forbiddenSender(channel: string, frame: SenderFrame | null): IpcResult<never> {
  return {
    ok: false,
    error: { code: 'forbidden-sender', message: `${channel}: refused a call from ${frame ? frame.url || 'a blank frame' : 'a destroyed frame'}` }
  }
}

/** Bind every contract channel; returns the channel names bound. */
export function bindHandlers(
  ipcMain: IpcMainLike,
  table: HandlerTable,
  isTrustedSender: (frame: SenderFrame) => boolean
): InvokeChannel[] {
  for (const channel of INVOKE_CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload) => {
      const frame = event.senderFrame
      if (!frame || !isTrustedSender(frame)) return forbiddenSender(channel, frame)
      return dispatch(table, channel, payload)
    })
  }
  return [...INVOKE_CHANNEL_NAMES]
}
