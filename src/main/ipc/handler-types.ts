// The handler table: one async function per contract channel. Main binds it to ipcMain
// through handle(); the browser e2e harness binds the very same table to Playwright.
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from '../../shared/contract'

export type Handler<C extends InvokeChannel> = (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>

export type HandlerTable = { [C in InvokeChannel]: Handler<C> }

/** Channels of one domain, e.g. DomainHandlers<'runs'>. */
export type DomainHandlers<D extends string> = {
  [C in InvokeChannel as C extends `${D}:${string}` ? C : never]: Handler<C>
}

/** How services push events to the renderer(s); the glue or the harness supplies it. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

/** Things only the shell can do (native dialogs, the OS trash); Node tests pass plain functions. */
export interface ShellPorts {
  pickOpenPath(options: { title: string; directory: boolean; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>
  pickSavePath(options: { title: string; defaultName: string }): Promise<string | null>
  trash(path: string): Promise<void>
}
