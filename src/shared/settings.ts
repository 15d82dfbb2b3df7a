import { z } from 'zod'
import { BackendChoiceSchema } from './backends'
import { SlurmOptionsSchema } from './sweep-manifest'
import { TrainingThreadsSchema } from './training-threads'

export const ThemeSchema = z.enum(['system', 'light', 'dark'])
/** The app's language: 'system' follows the OS locale (navigator.language) at every start. */
export const LocaleSchema = z.enum(['system', 'en', 'ko'])
export type LocalePreference = z.infer<typeof LocaleSchema>
// The fields the renderer may change, once: the settings and the patch both use them.
const MaxConcurrentRunsSchema = z.number().int().min(1).max(16)
/** Absolute (POSIX, drive or UNC): a relative folder would move with the working directory. */
export const isAbsoluteFolder = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
const SessionsDirSchema = z
  .string()
  .refine((path) => path.trim() !== '' && isAbsoluteFolder(path), 'the sessions folder must be an absolute path')
  .nullable()

export const SettingsSchema = z.strictObject({
  theme: ThemeSchema.default('system'),
  locale: LocaleSchema.default('system'),
  backend: BackendChoiceSchema.default('auto'),
  maxConcurrentRuns: MaxConcurrentRunsSchema.default(1),
  /** wasm threads per run: 'auto' shares the cores between the concurrent runs. */
  trainingThreads: TrainingThreadsSchema.default('auto'),
  sessionsDir: SessionsDirSchema.default(null),
  cifar10Path: z.string().nullable().default(null),
  cifar100Path: z.string().nullable().default(null),
  recentSessions: z.array(z.string()).max(50).default([]),
  /** The Sweeps view's Slurm options (partition, time, gres, ssh, ...). */
  sweepSlurm: SlurmOptionsSchema.default(SlurmOptionsSchema.parse({})),
  windowBounds: z
    .strictObject({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) })
    .nullable()
    .default(null)
})
export type Settings = z.infer<typeof SettingsSchema>

/**
 * What the renderer may change (window bounds and recents are main's business). Spelled
 * out without defaults: a partial of the defaulted schema would fill every field a patch
 * leaves out with its default, resetting it.
 */
export const SettingsPatchSchema = z.strictObject({
  theme: ThemeSchema.optional(),
  locale: LocaleSchema.optional(),
  backend: BackendChoiceSchema.optional(),
  maxConcurrentRuns: MaxConcurrentRunsSchema.optional(),
  trainingThreads: TrainingThreadsSchema.optional(),
  /** Replaced whole (the Sweeps view sends every option). */
  sweepSlurm: SlurmOptionsSchema.optional(),
  /** Only back to the default: another folder is chosen in main's dialog (settings:choose-sessions-dir). */
  sessionsDir: z.null().optional()
})
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({})
