// Loads main's real wiring (index.ts and its setupX calls) over a stand-in 'electron' module
// and checks the security and IPC promises one by one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNEL_NAMES } from '../../src/shared/contract'
import { FakeWebContents, state, type FakeBrowserWindow, type FakeFrame } from './helpers/fake-electron'

vi.mock('electron', async () => (await import('./helpers/fake-electron')).fakeElectronModule())

const SRC = join(import.meta.dirname, '../../src')
const APP_URL = 'pseudoscope://app/index.html'

let window: FakeBrowserWindow
let ownFrame: FakeFrame

async function invoke(channel: string, payload: unknown, frame: FakeFrame | null): Promise<unknown> {
  const handler = state.invokeHandlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler({ senderFrame: frame }, payload)
}

describe('main wiring', () => {
  let appModule: typeof import('../../src/main/index')
  let app: typeof import('./helpers/fake-electron').app

  beforeAll(async () => {
    state.userData = mkdtempSync(join(tmpdir(), 'pseudoscope-wiring-'))
    writeFileSync(
      join(state.userData, 'settings.json'),
      JSON.stringify({ theme: 'dark', windowBounds: { x: 100, y: 50, width: 1000, height: 700 } })
    )
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
    ;({ app } = await import('./helpers/fake-electron'))
    appModule = await import('../../src/main/index')
  })

  afterAll(async () => {
    rmSync(state.userData, { recursive: true, force: true })
  })

  it('registers the privileged image scheme and takes the single-instance lock before ready', async () => {
    expect(state.calls).toContain('app.requestSingleInstanceLock')
    expect(state.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(state.calls.indexOf('app.whenReady'))
    expect(state.calls).not.toContain('ready')
    expect(state.calls).not.toContain('protocol.handle')
    expect(state.calls).not.toContain('new BrowserWindow')
    expect(state.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'pseudoscope', privileges: expect.objectContaining({ standard: true, secure: true }) })
    ])

    state.ready?.()
    expect(await appModule.started).not.toBeNull()
    expect(state.calls.indexOf('protocol.handle')).toBeGreaterThan(state.calls.indexOf('ready'))
    expect(state.windows).toHaveLength(1)
    window = state.windows[0]
    ownFrame = window.webContents.mainFrame
  })

  it('gives the window the app icon, the PNG electron-builder packs', () => {
    expect(window.options.icon).toBe(fileURLToPath(new URL('../../resources/icon.png', import.meta.url)))
    expect(readFileSync(window.options.icon as string).subarray(1, 4).toString('ascii')).toBe('PNG')
  })

  it('creates the window locked down, with the bundled preload and the restored bounds', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false
    })
    expect(window.options.webPreferences['preload']).toBe(join(SRC, 'preload/index.cjs'))
    // Off, or never set (Electron's default is off): insecure content, experimental web features, Blink flags.
    expect(window.options.webPreferences['allowRunningInsecureContent']).toBe(false)
    expect(window.options.webPreferences['experimentalFeatures'] ?? false).toBe(false)
    expect(window.options.webPreferences['enableBlinkFeatures'] ?? '').toBe('')
    expect(window.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 })
    // Not file://: the renderer is its own origin on the privileged scheme.
    expect(window.loaded).toBe(APP_URL)
    expect(ownFrame.url).toBe(APP_URL)
  })

  it('saves the window bounds through the settings service when it closes', () => {
    window.setBounds({ x: 30, y: 40, width: 1111, height: 777 })
    window.emit('close')
    const stored = JSON.parse(readFileSync(join(state.userData, 'settings.json'), 'utf8')) as Record<string, unknown>
    expect(stored['windowBounds']).toEqual({ x: 30, y: 40, width: 1111, height: 777 })
    expect(stored['theme']).toBe('dark')
  })

  it('binds every contract channel through ipcMain.handle, once each', () => {
    expect([...state.handleCalls].sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort())
  })

  it('has no other caller of ipcMain.handle in the source tree', () => {
    const callers: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(ts|vue)$/.test(name) && /ipcMain\s*\.\s*handle(Once)?\s*\(/.test(readFileSync(path, 'utf8'))) callers.push(path)
      }
    }
    walk(SRC)
    expect(callers).toEqual([join(SRC, 'main/ipc/handle.ts')])
  })

  it('serves the app window', async () => {
    expect(await invoke('settings:get', undefined, ownFrame)).toMatchObject({ ok: true, value: { theme: 'dark' } })
    expect(await invoke('app:info', undefined, ownFrame)).toMatchObject({
      ok: true,
      value: { name: 'pseudoscope', version: '0.0.0-wiring', imageBaseUrl: 'pseudoscope://' }
    })
  })

  it('refuses a foreign sender: another frame, or the app frame showing another page', async () => {
    const foreign = { url: 'https://evil.example/', processId: 4242, routingId: 7 }
    expect(await invoke('settings:set', { theme: 'light' }, foreign)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    const elsewhere = { ...ownFrame, url: pathToFileURL('/etc/passwd').href }
    expect(await invoke('settings:get', undefined, elsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(await invoke('settings:get', undefined, null)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(await invoke('settings:get', undefined, ownFrame)).toMatchObject({ ok: true, value: { theme: 'dark' } })
  })

  it('answers an invalid payload with a validation error naming the field', async () => {
    const result = await invoke('settings:set', { maxConcurrentRuns: 'lots' }, ownFrame)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringMatching(/maxConcurrentRuns/) }
    })
  })

  it('sets the CSP header on every response', () => {
    let headers: Record<string, string[]> | undefined
    state.headersListener?.({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders))
    expect(headers?.['content-type']).toEqual(['text/html'])
    const csp = headers?.['Content-Security-Policy']?.[0] ?? ''
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "img-src 'self' data: blob: pseudoscope:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'"
    ]) {
      expect(csp).toContain(directive)
    }
    expect(csp).not.toMatch(/127\.0\.0\.1|http:/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
  })

  it('denies every permission request and check', () => {
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      state.permissionRequest?.(null, permission, (granted) => answers.push(granted))
      answers.push(state.permissionCheck?.(null, permission) ?? true)
    }
    expect(answers).toEqual(new Array(8).fill(false))
  })

  it('denies navigation away from the app, new windows and webviews', () => {
    const contents = new FakeWebContents(77)
    app.emit('web-contents-created', {}, contents)
    const navigate = (event: string, url: string): boolean => {
      let prevented = false
      contents.emit(event, { url, preventDefault: () => (prevented = true) })
      return prevented
    }
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate('will-navigate', pathToFileURL('/etc/passwd').href)).toBe(true)
    expect(navigate('will-redirect', 'http://127.0.0.1:8080/')).toBe(true)
    expect(navigate('will-navigate', `${APP_URL}#/runs`)).toBe(false)
    expect(navigate('will-navigate', pathToFileURL(join(SRC, 'renderer/index.html')).href)).toBe(true)
    expect(navigate('will-attach-webview', 'about:blank')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })

  it('serves dataset images on the scheme and refuses anything outside its roots (404)', async () => {
    const handle = state.protocolHandlers.get('pseudoscope')
    if (!handle) throw new Error('no protocol handler')
    const image = await handle(new Request('pseudoscope://dataset/mnist/train/0.png'))
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await image.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47])
    for (const url of [
      'pseudoscope://dataset/../../../etc/passwd',
      'pseudoscope:///etc/passwd',
      'pseudoscope://dataset/mnist/train/..%2F..%2Fsettings.json',
      'pseudoscope://files/settings.json',
      'pseudoscope://dataset/mnist/train/999999999.png'
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404)
    }
    expect((await handle(new Request('pseudoscope://dataset/mnist/train/0.png', { method: 'POST' }))).status).toBe(405)
  })

  it('serves the renderer at pseudoscope://app/ with the CSP header, and nothing outside its folder', async () => {
    const handle = state.protocolHandlers.get('pseudoscope')
    if (!handle) throw new Error('no protocol handler')
    const page = await handle(new Request(APP_URL))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toMatch(/base-uri 'none'; form-action 'none'/)
    expect(await page.text()).toBe(readFileSync(join(SRC, 'renderer/index.html'), 'utf8'))
    for (const url of [
      'pseudoscope://app/../main/index.ts',
      'pseudoscope://app/%2e%2e/main/index.ts',
      'pseudoscope://app/src/main.ts',
      'pseudoscope://app/.hidden.js',
      'pseudoscope://app/nothing.html'
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404)
    }
  })

  it('stops the workers (bounded) before quitting', async () => {
    let prevented = false
    const quitsBefore = state.quitCalls
    app.emit('before-quit', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    await vi.waitFor(() => expect(state.quitCalls).toBe(quitsBefore + 1))
    // The second before-quit (from that quit) goes through.
    let preventedAgain = false
    app.emit('before-quit', { preventDefault: () => (preventedAgain = true) })
    expect(preventedAgain).toBe(false)
  })
})
