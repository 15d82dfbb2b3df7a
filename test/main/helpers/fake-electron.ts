// A minimal in-process stand-in for the 'electron' module: just enough of app, BrowserWindow,
// ipcMain, protocol and session for main's wiring to run under Node, recording what main
// asks of them so the wiring test can check it. The Electron binary cannot run here.
import { pathToFileURL } from 'node:url'

type Listener = (...args: never[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args)
  }
}

export interface FakeFrame {
  url: string
  processId: number
  routingId: number
}

export class FakeWebContents extends Emitter {
  readonly mainFrame: FakeFrame
  readonly sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  constructor(processId: number) {
    super()
    this.mainFrame = { url: '', processId, routingId: 1 }
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return false
  }
}

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export const state = {
  calls: [] as string[],
  userData: '',
  singleInstance: true,
  ready: null as null | (() => void),
  windows: [] as FakeBrowserWindow[],
  invokeHandlers: new Map<string, (event: { senderFrame: FakeFrame | null }, payload?: unknown) => Promise<unknown>>(),
  handleCalls: [] as string[],
  privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  headersListener: null as
    | null
    | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
  permissionRequest: null as null | ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void),
  permissionCheck: null as null | ((contents: unknown, permission: string) => boolean),
  quitCalls: 0,
  nextProcessId: 10
}

export const app = new (class extends Emitter {
  isPackaged = false
  requestSingleInstanceLock(): boolean {
    state.calls.push('app.requestSingleInstanceLock')
    return state.singleInstance
  }
  whenReady(): Promise<void> {
    state.calls.push('app.whenReady')
    return new Promise<void>((resolve) => {
      state.ready = () => {
        state.calls.push('ready')
        resolve()
      }
    })
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name}`)
    return state.userData
  }
  getName(): string {
    return 'pseudoscope'
  }
  getVersion(): string {
    return '0.0.0-wiring'
  }
  quit(): void {
    state.quitCalls++
  }
})()

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents(state.nextProcessId++)
  loaded: string | null = null
  constructor(
    readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> },
    private bounds: Bounds = { x: 0, y: 0, width: 1, height: 1 }
  ) {
    super()
    state.calls.push('new BrowserWindow')
    const { x, y, width, height } = options as Partial<Bounds>
    this.bounds = { x: x ?? 0, y: y ?? 0, width: width ?? 800, height: height ?? 600 }
    state.windows.push(this)
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return state.windows
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = path
    this.webContents.mainFrame.url = pathToFileURL(path).href
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url
    this.webContents.mainFrame.url = url
  }
  setBounds(bounds: Bounds): void {
    this.bounds = bounds
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds }
  }
  isDestroyed(): boolean {
    return false
  }
  isMinimized(): boolean {
    return false
  }
  isFullScreen(): boolean {
    return false
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
}

export const ipcMain = {
  handle(channel: string, listener: (event: { senderFrame: FakeFrame | null }, payload?: unknown) => Promise<unknown>): void {
    state.handleCalls.push(channel)
    state.invokeHandlers.set(channel, listener)
  },
  // electron-store answers its renderer helper here; main itself never uses ipcMain.on.
  on(): void {}
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    state.calls.push('protocol.registerSchemesAsPrivileged')
    state.privilegedSchemes.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    state.calls.push('protocol.handle')
    state.protocolHandlers.set(scheme, handler)
  }
}

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener: NonNullable<typeof state.headersListener>): void {
        state.headersListener = listener
      }
    },
    setPermissionRequestHandler(handler: NonNullable<typeof state.permissionRequest>): void {
      state.permissionRequest = handler
    },
    setPermissionCheckHandler(handler: NonNullable<typeof state.permissionCheck>): void {
      state.permissionCheck = handler
    }
  }
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
}

const unavailable = (what: string) => () => {
  throw new Error(`fake electron: ${what} is not part of start-up`)
}

export const dialog = { showOpenDialog: unavailable('dialog'), showSaveDialog: unavailable('dialog') }
export const shell = { trashItem: unavailable('shell.trashItem'), openPath: unavailable('shell.openPath') }
export const utilityProcess = { fork: unavailable('utilityProcess.fork') }

export function fakeElectronModule(): Record<string, unknown> {
  const module = { app, BrowserWindow: FakeBrowserWindow, ipcMain, protocol, session, screen, dialog, shell, utilityProcess }
  return { ...module, default: module }
}
