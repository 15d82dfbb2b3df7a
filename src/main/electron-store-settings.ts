// electron-store 12 behind the SettingsStore interface (Electron main only: it is ESM and
// reads app paths). The stored object is the Settings record alone, so rewrites stay small.
// A file that cannot be read at all (no permission, a folder in its place) must not stop the
// app: it runs on defaults kept in memory and says so through read(), which the app shows.
import { copyFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'
import Store from 'electron-store'
import type { Settings } from '../shared/settings'
import type { SettingsStore } from './services/settings-service'

const UNREADABLE = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS'])

export class ElectronStoreSettings implements SettingsStore {
  private readonly store: Store<Record<string, unknown>> | null
  private memory: Record<string, unknown> = {}
  private readonly loadError: Error | null = null

  constructor(name = 'settings') {
    const file = join(app.getPath('userData'), `${name}.json`)
    let store: Store<Record<string, unknown>> | null
    try {
      store = new Store({ name, clearInvalidConfig: false })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const isFolder = existsSync(file) && statSync(file).isDirectory()
      if ((code && UNREADABLE.has(code)) || isFolder) {
        const why = isFolder ? 'it is a folder' : code
        this.loadError = new Error(
          `cannot read ${file} (${why}): settings are not saved until it is fixed (give it read and write permission, or remove it if it is a folder)`
        )
        store = null
      } else {
        // Unparseable file: keep it aside, start clean, and report it once through read().
        const backup = `${file}.corrupt`
        if (existsSync(file)) copyFileSync(file, backup)
        const reason = error instanceof Error ? error.message : String(error)
        this.loadError = new Error(`${file} is not valid JSON (kept as ${backup}): ${reason}`)
        store = new Store({ name, clearInvalidConfig: true })
      }
    }
    this.store = store
  }

  read(): unknown {
    if (this.loadError) throw this.loadError
    return this.store?.store ?? this.memory
  }

  write(value: Settings): void {
    if (this.store) this.store.store = { ...value }
    else this.memory = { ...value }
  }
}
