// The electron-store adapter (real electron-store 12, over the stand-in electron module).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { ElectronStoreSettings } from '../../src/main/electron-store-settings'
import { SettingsService } from '../../src/main/services/settings-service'
import { state } from './helpers/fake-electron'

vi.mock('electron', async () => (await import('./helpers/fake-electron')).fakeElectronModule())

describe('ElectronStoreSettings', () => {
  beforeEach(() => {
    state.userData = mkdtempSync(join(tmpdir(), 'pseudoscope-store-'))
  })
  afterEach(() => rmSync(state.userData, { recursive: true, force: true }))

  it('stores the settings record alone in userData/settings.json', () => {
    new SettingsService(new ElectronStoreSettings()).set({ theme: 'light' })
    const stored = JSON.parse(readFileSync(join(state.userData, 'settings.json'), 'utf8')) as Record<string, unknown>
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' })
    expect(new SettingsService(new ElectronStoreSettings()).get().theme).toBe('light')
  })

  it('starts from defaults with a warning when the file is not JSON, and can save again', () => {
    writeFileSync(join(state.userData, 'settings.json'), '{ "theme": ')
    const warnings: string[] = []
    const service = new SettingsService(new ElectronStoreSettings(), (message) => warnings.push(message))
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toHaveLength(1)
    expect(readFileSync(join(state.userData, 'settings.json.corrupt'), 'utf8')).toBe('{ "theme": ')
    service.set({ theme: 'dark' })
    expect(new SettingsService(new ElectronStoreSettings()).get().theme).toBe('dark')
  })

  function expectDefaultsWithWarning(): void {
    const warnings: string[] = []
    const service = new SettingsService(new ElectronStoreSettings(), (message) => warnings.push(message))
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toEqual([expect.stringMatching(/cannot read .*settings\.json \(.*\): settings are not saved until it is fixed/)])
    service.set({ theme: 'light' })
    expect(service.get().theme).toBe('light')
    expect(service.warnings[0]).toMatch(/settings are not saved/)
  }

  it('runs on defaults with a clear warning when settings.json is a folder', () => {
    mkdirSync(join(state.userData, 'settings.json'))
    expectDefaultsWithWarning()
  })

  // root reads any file whatever its mode, so this one runs only as a normal user.
  it.skipIf(process.getuid?.() === 0)('runs on defaults with a clear warning when settings.json is unreadable (EACCES)', () => {
    const file = join(state.userData, 'settings.json')
    writeFileSync(file, JSON.stringify({ theme: 'dark' }))
    chmodSync(file, 0o000)
    expectDefaultsWithWarning()
    chmodSync(file, 0o644)
  })
})
