import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { FileSettingsStore } from '../../../src/main/services/file-settings-store'
import { SettingsService } from '../../../src/main/services/settings-service'

describe('SettingsService on a JSON file', () => {
  let dir: string
  let file: string
  const warnings: string[] = []
  const open = (): SettingsService => new SettingsService(new FileSettingsStore(file), (m) => warnings.push(m))

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'settings-'))
    file = join(dir, 'nested', 'settings.json')
    warnings.length = 0
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('starts from the defaults when nothing is stored, without writing', () => {
    expect(open().get()).toEqual(DEFAULT_SETTINGS)
    expect(existsSync(file)).toBe(false)
    expect(warnings).toEqual([])
  })

  it('persists a patch and reads it back in a new service', () => {
    const updated = open().set({ theme: 'dark', maxConcurrentRuns: 3 })
    expect(updated).toMatchObject({ theme: 'dark', maxConcurrentRuns: 3, backend: 'auto' })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark', maxConcurrentRuns: 3 })
    expect(open().get()).toEqual(updated)
  })

  it('keeps the chosen language across restarts and refuses one the app does not have', () => {
    expect(open().get().locale).toBe('system')
    open().set({ locale: 'ko' })
    expect(open().get().locale).toBe('ko')
    expect(() => open().set({ locale: 'fr' })).toThrowError(/locale/)
    expect(open().get().locale).toBe('ko')
  })

  it('refuses an invalid patch with the field named and keeps what was stored', () => {
    const service = open()
    service.set({ theme: 'light' })
    const attempt = (): unknown => service.set({ theme: 'purple' })
    expect(attempt).toThrowError(AppError)
    expect(attempt).toThrowError(/theme/)
    expect(() => service.set({ maxConcurrentRuns: 0 })).toThrowError(
      expect.objectContaining({ code: 'invalid-payload', message: expect.stringMatching(/maxConcurrentRuns/) })
    )
    expect(open().get().theme).toBe('light')
  })

  it('does not let a patch set main-only fields (window bounds, recent sessions)', () => {
    const service = open()
    expect(() => service.set({ recentSessions: ['x'] })).toThrowError(/recentSessions/)
    expect(() => service.set({ windowBounds: { x: 0, y: 0, width: 900, height: 700 } })).toThrowError(AppError)
    expect(service.get().recentSessions).toEqual([])
  })

  it('refuses a relative or empty sessions folder, stored or set', () => {
    writeFileSync(join(dir, 'x.json'), '')
    for (const stored of ['sessions', '', '  ']) {
      rmSync(file, { force: true })
      open().setSessionsDir(dir)
      const text = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      writeFileSync(file, JSON.stringify({ ...text, sessionsDir: stored }))
      warnings.length = 0
      expect(open().get().sessionsDir).toBeNull()
      expect(warnings.join(' ')).toMatch(/sessionsDir/)
    }
    expect(() => open().setSessionsDir('relative/dir')).toThrowError(/sessionsDir: the sessions folder must be an absolute path/)
    expect(() => open().setSessionsDir('')).toThrowError(/absolute/)
    expect(() => open().set({ sessionsDir: dir })).toThrowError(/sessionsDir/)
    expect(open().setSessionsDir(dir).sessionsDir).toBe(dir)
  })

  it('survives a corrupt file: defaults, a warning, and the bad file kept aside', () => {
    open().set({ theme: 'dark' })
    writeFileSync(file, '{"theme": "dark", ')
    const service = open()
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/not valid JSON/)
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"theme": "dark", ')
    service.set({ theme: 'light' })
    expect(open().get().theme).toBe('light')
  })

  it('keeps the valid fields of a partly invalid file and names the dropped ones', () => {
    open().set({ maxConcurrentRuns: 4 })
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    writeFileSync(file, JSON.stringify({ ...stored, theme: 'purple', legacyFlag: true }))
    const service = open()
    expect(service.get()).toMatchObject({ theme: 'system', maxConcurrentRuns: 4 })
    expect(warnings.join('\n')).toMatch(/theme/)
    expect(warnings.join('\n')).toMatch(/legacyFlag/)
  })

  it('treats a stored non-object as corrupt', () => {
    open().set({ theme: 'dark' })
    writeFileSync(file, '[1, 2, 3]')
    expect(open().get()).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toHaveLength(1)
  })

  it('keeps window bounds (rounded, at least 200 px) across restarts', () => {
    open().setWindowBounds({ x: 10.4, y: 20.6, width: 150, height: 900.2 })
    expect(open().windowBounds()).toEqual({ x: 10, y: 21, width: 200, height: 900 })
  })

  it('remembers imported dataset paths', () => {
    open().setDatasetPath('cifar100', '/data/cifar-100-binary')
    expect(open().get()).toMatchObject({ cifar10Path: null, cifar100Path: '/data/cifar-100-binary' })
  })

  it('keeps recent sessions most recent first, without duplicates, bounded', () => {
    const service = open()
    for (let i = 0; i < 25; i++) service.addRecentSession(`s${i}`)
    service.addRecentSession('s10')
    const recent = open().recentSessions()
    expect(recent[0]).toBe('s10')
    expect(recent).toHaveLength(20)
    expect(new Set(recent).size).toBe(20)
    service.removeRecentSession('s10')
    expect(open().recentSessions()).not.toContain('s10')
  })
})
