// Preferences, window bounds and recent sessions behind a tiny store interface: Electron
// main plugs in electron-store, Node tests and the harness a JSON file.
import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings } from '../../shared/settings'

export interface SettingsStore {
  /** The stored object as it is (unknown: it may be old, hand-edited or corrupt); may throw. */
  read(): unknown
  write(value: Settings): void
}

export type WindowBounds = NonNullable<Settings['windowBounds']>

const MAX_RECENT = 20

/** Keep every stored field that is still valid; default the rest. */
function salvage(stored: unknown): { settings: Settings; dropped: string[] } {
  const whole = SettingsSchema.safeParse(stored)
  if (whole.success) return { settings: whole.data, dropped: [] }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return { settings: { ...DEFAULT_SETTINGS }, dropped: ['(whole object)'] }
  }
  const record = stored as Record<string, unknown>
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  const dropped: string[] = []
  for (const [key, schema] of Object.entries(SettingsSchema.shape) as [string, z.ZodType][]) {
    if (!(key in record)) continue
    const field = schema.safeParse(record[key])
    if (field.success) settings[key] = field.data
    else dropped.push(key)
  }
  for (const key of Object.keys(record)) if (!(key in SettingsSchema.shape)) dropped.push(key)
  return { settings: settings as Settings, dropped }
}

export class SettingsService {
  private current: Settings
  /** Problems found when loading (shown once, never fatal). */
  readonly warnings: string[] = []

  constructor(
    private readonly store: SettingsStore,
    warn: (message: string) => void = (message) => console.warn(`[settings] ${message}`)
  ) {
    let stored: unknown
    try {
      stored = store.read()
    } catch (error) {
      this.warnings.push(`stored settings unreadable, using defaults: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (stored === undefined || stored === null) {
      this.current = { ...DEFAULT_SETTINGS }
    } else {
      const { settings, dropped } = salvage(stored)
      this.current = settings
      if (dropped.length > 0) this.warnings.push(`invalid stored settings reset to defaults: ${dropped.join(', ')}`)
    }
    for (const message of this.warnings) warn(message)
  }

  get(): Settings {
    return structuredClone(this.current)
  }

  /** Apply a renderer patch; anything outside SettingsPatchSchema is refused, nothing is lost. */
  set(patch: unknown): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(patch)'
      throw new AppError('invalid-payload', `settings: ${field}: ${issue?.message ?? 'invalid'}`, parsed.error.issues)
    }
    const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined))
    return this.commit({ ...this.current, ...defined })
  }

  /** A folder main's dialog returned; the schema still refuses a relative or empty one. */
  setSessionsDir(dir: string): Settings {
    const parsed = SettingsSchema.shape.sessionsDir.safeParse(dir)
    if (!parsed.success) throw new AppError('invalid-payload', `settings: sessionsDir: ${parsed.error.issues[0].message}`, { path: dir })
    return this.commit({ ...this.current, sessionsDir: dir })
  }

  windowBounds(): WindowBounds | null {
    return this.current.windowBounds ? { ...this.current.windowBounds } : null
  }

  setWindowBounds(bounds: WindowBounds): void {
    const rounded = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(200, Math.round(bounds.width)),
      height: Math.max(200, Math.round(bounds.height))
    }
    this.commit({ ...this.current, windowBounds: rounded })
  }

  /** Where an imported CIFAR dataset lives (the catalog remembers it across restarts). */
  setDatasetPath(id: 'cifar10' | 'cifar100', path: string): void {
    this.commit({ ...this.current, [id === 'cifar10' ? 'cifar10Path' : 'cifar100Path']: path })
  }

  recentSessions(): string[] {
    return [...this.current.recentSessions]
  }

  /** Most recent first, no duplicates, bounded. */
  addRecentSession(sessionId: string): void {
    const recent = [sessionId, ...this.current.recentSessions.filter((id) => id !== sessionId)].slice(0, MAX_RECENT)
    this.commit({ ...this.current, recentSessions: recent })
  }

  removeRecentSession(sessionId: string): void {
    this.commit({ ...this.current, recentSessions: this.current.recentSessions.filter((id) => id !== sessionId) })
  }

  private commit(next: Settings): Settings {
    const valid = SettingsSchema.parse(next)
    this.store.write(valid)
    this.current = valid
    return this.get()
  }
}
