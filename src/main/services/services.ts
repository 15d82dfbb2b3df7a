// Every service, built from plain paths and ports: Electron main, the e2e harness and the
// tests all call createServices, so what they exercise is what the app runs.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { runtimeVersions } from '../../node/session/runtime-versions'
import type { BackendProbe } from '../../shared/backends'
import type { AppInfo } from '../../shared/contract'
import { trainingThreadsEnv } from '../../shared/training-threads'
import type { EventSink, ShellPorts } from '../ipc/handler-types'
import { DatasetCatalog } from './dataset-catalog'
import { FileSettingsStore } from './file-settings-store'
import { ImageService } from './image-service'
import { RunManager } from './run-manager'
import type { WorkerSpawner } from './run-manager-types'
import { SessionStore } from './session-store'
import { SettingsService, type SettingsStore } from './settings-service'
import { SweepService } from './sweeps/sweep-service'

export interface ServiceOptions {
  /** Per-user folder: settings file (without a store), default sessions folder, dataset cache. */
  userDataDir: string
  /** Defaults to a JSON file in userDataDir (electron-store in the app). */
  settingsStore?: SettingsStore
  /** Default sessions folder when the settings name none (default userDataDir/sessions). */
  sessionsDir?: string
  spawner: WorkerSpawner
  events: EventSink
  shell: ShellPorts
  /** 'pseudoscope://' in the app, an http base in the browser harness. */
  imageBaseUrl: string
  app: { name: string; version: string }
  /** Defaults to the engine's probe, imported on first use so main does not load tfjs early. */
  probeBackends?: () => Promise<BackendProbe[]>
  /** The project folder Slurm tasks run in when the settings name no remote one (default: the working directory). */
  projectDir?: string
}

export interface AppServices {
  settings: SettingsService
  datasets: DatasetCatalog
  images: ImageService
  sessions: SessionStore
  runs: RunManager
  sweeps: SweepService
  shell: ShellPorts
  events: EventSink
  info: () => AppInfo
  probeBackends: () => Promise<BackendProbe[]>
  sessionsDir: () => string
  /** Checkpoint and stop workers within the bound. */
  shutdown(timeoutMs: number): Promise<void>
}

async function engineProbe(): Promise<BackendProbe[]> {
  const { probeBackends } = await import('../../engine/backend/probe')
  return probeBackends()
}

export function createServices(options: ServiceOptions): AppServices {
  const settings = new SettingsService(options.settingsStore ?? new FileSettingsStore(join(options.userDataDir, 'settings.json')))
  const defaultSessionsDir = options.sessionsDir ?? join(options.userDataDir, 'sessions')
  const sessionsDir = (): string => settings.get().sessionsDir ?? defaultSessionsDir
  const versions = runtimeVersions()

  const datasets = new DatasetCatalog({ cacheDir: join(options.userDataDir, 'datasets'), settings, events: options.events })
  const images = new ImageService(datasets)
  let runs: RunManager | null = null
  const sessions = new SessionStore({
    sessionsDir,
    settings,
    trash: options.shell.trash,
    events: options.events,
    isBusy: (dir) => runs?.isSessionBusy(dir) ?? false
  })
  runs = new RunManager({
    spawner: options.spawner,
    sessionsDir,
    events: options.events,
    maxConcurrent: () => settings.get().maxConcurrentRuns,
    workerEnv: () => trainingThreadsEnv(settings.get().trainingThreads, availableParallelism(), settings.get().maxConcurrentRuns, process.env),
    versions,
    resolveSession: (sessionId) => sessions.resolve(sessionId),
    datasetPath: (id) => (id === 'mnist' ? null : datasets.dataPath(id))
  })
  const runManager = runs
  const sweeps = new SweepService({ sessionsDir, runs: runManager, sessions, settings, events: options.events, projectDir: options.projectDir ?? process.cwd() })

  return {
    settings,
    datasets,
    images,
    sessions,
    runs: runManager,
    sweeps,
    shell: options.shell,
    events: options.events,
    sessionsDir,
    probeBackends: options.probeBackends ?? engineProbe,
    info: () => ({
      name: options.app.name,
      version: options.app.version,
      versions,
      platform: process.platform,
      arch: process.arch,
      cores: availableParallelism(),
      sessionsDir: sessionsDir(),
      settingsWarnings: [...settings.warnings],
      imageBaseUrl: options.imageBaseUrl
    }),
    shutdown: (timeoutMs) => runManager.shutdown(timeoutMs)
  }
}
