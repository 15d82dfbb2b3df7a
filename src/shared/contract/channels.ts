// The single IPC contract: every invoke channel, its payload schema (validated in main)
// and its response type. Main, preload and renderer all derive from this object.
import { z } from 'zod'
import type { SweepComparison } from '../analysis/comparison-bands'
import type { BackendProbe } from '../backends'
import { DATASET_IDS, type ConfigValidation } from '../config/experiment-config'
import type { ExperimentPreset } from '../config/presets'
import type { DatasetDetail, DatasetSummary, SplitSummary } from '../datasets'
import type { SampleState } from '../metrics'
import type { RunInfo } from '../runs'
import { UiStateSchema, type SessionData, type SessionSummary } from '../sessions'
import { SettingsPatchSchema, type Settings } from '../settings'
import type { StudyFolder } from '../study-folder'
import type { SweepAblation } from '../sweep-ablation'
import { SweepSubmitSchema, type SweepDetail, type SweepListing, type SweepSummary } from '../sweep-view'

export interface AppInfo {
  name: string
  version: string
  versions: Record<string, string>
  platform: string
  arch: string
  /** CPU cores main sees: what 'auto' training threads share. */
  cores: number
  sessionsDir: string
  /** Problems with the stored settings (unreadable file, values reset), for the app to show. */
  settingsWarnings: string[]
  /**
   * Where dataset images are served: 'pseudoscope://' in the app, an http base in the
   * browser harness. Paths below it: dataset/<id>/<split>/<index>.png and
   * atlas/<id>/<split>.png?indices=1,2,3 (see the image service).
   */
  imageBaseUrl: string
}

export interface DatasetSamplesPage {
  total: number
  indices: number[]
  labels: number[]
}

/** A channel: its payload schema, and its response type carried as a phantom. */
interface ChannelSpec<S extends z.ZodType, R> {
  request: S
  response?: R
}
const channel =
  <R>() =>
  <S extends z.ZodType>(request: S): ChannelSpec<S, R> => ({ request })

const none = z.undefined()
const id = z.string().min(1).max(512)
const runRef = z.strictObject({ runId: id })
const sessionRef = z.strictObject({ sessionId: id })
const sweepRef = z.strictObject({ sweepId: id })
const runIndex = z.number().int().min(0).max(100_000)
const datasetId = z.enum(DATASET_IDS)
const cifarId = datasetId.exclude(['mnist'])
const name = z.string().trim().min(1, 'name must not be empty').max(200)

export const INVOKE_CHANNELS = {
  'app:info': channel<AppInfo>()(none),
  'app:backends': channel<BackendProbe[]>()(none),

  'datasets:list': channel<DatasetSummary[]>()(none),
  'datasets:get': channel<DatasetDetail>()(z.strictObject({ id: datasetId })),
  'datasets:split': channel<SplitSummary>()(
    z.strictObject({
      id: datasetId,
      labelsPerClass: z.number().int().min(1).max(100_000),
      seed: z.number().int().min(0),
      excludeLabeledFromUnlabeled: z.boolean()
    })
  ),
  'datasets:samples': channel<DatasetSamplesPage>()(
    z.strictObject({
      id: datasetId,
      split: z.enum(['train', 'test']),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(10_000)
    })
  ),
  /** Import CIFAR from a folder or archive; without a path, main asks the user to pick one. */
  /** Main asks for the archive or folder in its own dialog: the renderer never names a path. */
  'datasets:import': channel<DatasetSummary | null>()(z.strictObject({ id: cifarId })),
  'datasets:download': channel<DatasetSummary>()(z.strictObject({ id: cifarId })),

  'experiments:presets': channel<ExperimentPreset[]>()(none),
  /** The config arrives as unknown on purpose: reporting what is wrong with it is the point. */
  'experiments:validate': channel<ConfigValidation>()(z.strictObject({ config: z.unknown() })),

  'runs:start': channel<RunInfo>()(z.strictObject({ config: z.unknown() })),
  'runs:pause': channel<RunInfo>()(runRef),
  'runs:resume': channel<RunInfo>()(runRef),
  'runs:stop': channel<RunInfo>()(runRef),
  'runs:sweep-now': channel<RunInfo>()(runRef),
  'runs:list': channel<RunInfo[]>()(none),
  /** Resume training of a saved session from its checkpoint, as a new segment. */
  'runs:continue': channel<RunInfo>()(
    z.strictObject({ sessionId: id, extraSteps: z.number().int().min(1).optional() })
  ),

  'sessions:list': channel<SessionSummary[]>()(none),
  'sessions:open': channel<SessionData>()(sessionRef),
  /** Per-sample state at a snapshot step (null: the latest). */
  'sessions:samples': channel<SampleState>()(
    z.strictObject({ sessionId: id, step: z.number().int().min(0).nullable() })
  ),
  'sessions:save-ui': channel<void>()(z.strictObject({ sessionId: id, ui: UiStateSchema })),
  'sessions:save-as': channel<SessionSummary>()(z.strictObject({ sessionId: id, name })),
  'sessions:rename': channel<SessionSummary>()(z.strictObject({ sessionId: id, name })),
  'sessions:delete': channel<void>()(sessionRef),
  /**
   * Export metrics as CSV to where the user picks in main's save dialog (the renderer names
   * no path, so it can never make main overwrite a file). Null when the user cancels.
   */
  'sessions:export-csv': channel<{ path: string } | null>()(sessionRef),
  /** Add a session folder from disk (e.g. written by the CLI), chosen in main's dialog. */
  'sessions:import': channel<SessionSummary | null>()(z.strictObject({})),
  /** A headless ablation study's folder, picked in main's dialog, read as one study; null when cancelled. */
  'sessions:open-study': channel<StudyFolder | null>()(z.strictObject({})),

  /** The sweeps, and the folders whose sweep.json cannot be read, each with why (shown, never opened). */
  'sweeps:list': channel<SweepListing>()(none),
  /** The sweep, its runs' states (Slurm polled by main) and what their session folders measured. */
  'sweeps:get': channel<SweepDetail>()(sweepRef),
  /** An algorithm-comparison sweep over its seeds: per algorithm mean ± std, Welch pairs, bands. */
  'sweeps:comparison': channel<SweepComparison>()(sweepRef),
  /** An oracle-ablation sweep as one study: per mode bands, the paired cost of wrong pseudo-labels, the final table. */
  'sweeps:ablation': channel<SweepAblation>()(sweepRef),
  /** The current experiment form's config and a grid; Slurm options come from the settings. */
  'sweeps:submit': channel<SweepSummary>()(SweepSubmitSchema),
  /** Cancel one run (runIndex) or every unfinished one (null). */
  'sweeps:cancel': channel<SweepSummary>()(z.strictObject({ sweepId: id, runIndex: runIndex.nullable() })),
  /** Start again every run that did not finish, from its checkpoint. */
  'sweeps:resubmit': channel<SweepSummary>()(sweepRef),
  /** Adds the run's session to the sessions list, to open it in the dashboard. */
  'sweeps:open-run': channel<SessionSummary>()(z.strictObject({ sweepId: id, runIndex })),

  'settings:get': channel<Settings>()(none),
  'settings:set': channel<Settings>()(SettingsPatchSchema),
  /** Main asks for the sessions folder in its dialog; null when the user cancels. */
  'settings:choose-sessions-dir': channel<Settings | null>()(none)
} as const

export type InvokeChannels = typeof INVOKE_CHANNELS
export type InvokeChannel = keyof InvokeChannels
export const INVOKE_CHANNEL_NAMES = Object.keys(INVOKE_CHANNELS) as InvokeChannel[]

export type InvokeRequest<C extends InvokeChannel> = z.infer<InvokeChannels[C]['request']>
export type InvokeResponse<C extends InvokeChannel> =
  InvokeChannels[C] extends ChannelSpec<z.ZodType, infer R> ? R : never
