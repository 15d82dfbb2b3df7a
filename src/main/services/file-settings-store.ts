// A SettingsStore on a JSON file for Node (tests, the e2e harness): atomic writes,
// and a corrupt file is kept aside rather than overwritten.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { SettingsStore } from './settings-service'

export class FileSettingsStore implements SettingsStore {
  constructor(readonly path: string) {}

  read(): unknown {
    if (!existsSync(this.path)) return undefined
    const text = readFileSync(this.path, 'utf8')
    try {
      return JSON.parse(text) as unknown
    } catch (error) {
      const backup = `${this.path}.corrupt`
      copyFileSync(this.path, backup)
      throw new AppError('io-error', `${this.path} is not valid JSON (kept as ${backup}): ${(error as Error).message}`)
    }
  }

  write(value: Settings): void {
    mkdirSync(dirname(this.path), { recursive: true })
    const temp = `${this.path}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`)
    renameSync(temp, this.path)
  }
}
