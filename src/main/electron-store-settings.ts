// electron-store 12 behind the SettingsStore interface (Electron main only: it is ESM and
// reads app paths). The stored object is the Settings record alone, so rewrites stay small.
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'
import Store from 'electron-store'
import type { Settings } from '../shared/settings'
import type { SettingsStore } from './services/settings-service'

export class ElectronStoreSettings implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>
  private readonly loadError: Error | null = null

  constructor(name = 'settings') {
    let store: Store<Record<string, unknown>>
    try {
      store = new Store({ name, clearInvalidConfig: false })
    } catch (error) {
      // Unparseable file: keep it aside, start clean, and report it once through read().
      const file = join(app.getPath('userData'), `${name}.json`)
      const backup = `${file}.corrupt`
      if (existsSync(file)) copyFileSync(file, backup)
      const reason = error instanceof Error ? error.message : String(error)
      this.loadError = new Error(`${file} is not valid JSON (kept as ${backup}): ${reason}`)
      store = new Store({ name, clearInvalidConfig: true })
    }
    this.store = store
  }

  read(): unknown {
    if (this.loadError) throw this.loadError
    return this.store.store
  }

  write(value: Settings): void {
    this.store.store = { ...value }
  }
}
