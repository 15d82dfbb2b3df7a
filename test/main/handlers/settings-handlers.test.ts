import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { settingsHandlers } from '../../../src/main/handlers/settings-handlers'
import { FileSettingsStore } from '../../../src/main/services/file-settings-store'
import { SettingsService } from '../../../src/main/services/settings-service'

describe('settings handlers', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  function setUp(): { handlers: ReturnType<typeof settingsHandlers>; refreshes: () => number } {
    const dir = mkdtempSync(join(tmpdir(), 'pseudoscope-settings-'))
    dirs.push(dir)
    let refreshes = 0
    const service = new SettingsService(new FileSettingsStore(join(dir, 'settings.json')))
    return { handlers: settingsHandlers(service, { refreshQueue: () => void refreshes++ }, { pickOpenPath: async () => null }), refreshes: () => refreshes }
  }

  it('starts queued runs when the concurrency limit changes, and only then', async () => {
    const { handlers, refreshes } = setUp()
    await handlers['settings:set']({ theme: 'dark' })
    expect(refreshes()).toBe(0)
    const next = await handlers['settings:set']({ maxConcurrentRuns: 3 })
    expect(next.maxConcurrentRuns).toBe(3)
    expect(refreshes()).toBe(1)
    expect((await handlers['settings:get'](undefined)).theme).toBe('dark')
  })
})
