// electron-store 12 behind the SettingsStore interface (Electron main only: it is ESM and
// reads app paths). The stored object is the Settings record alone, so rewrites stay small.
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
      // Unparseable file: start clean but report it once through read().
      this.loadError = error instanceof Error ? error : new Error(String(error))
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
