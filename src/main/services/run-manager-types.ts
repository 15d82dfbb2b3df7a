// The seams of the run manager: how it spawns workers (utilityProcess in the app, a Node
// child under tests and benches; the CLI runs the trainer in its own process, without a
// run manager) and what it needs from its host.
import type { DatasetId } from '../../shared/config/experiment-config'
import type { WorkerCommand } from '../../shared/worker-protocol'
import type { EventSink } from '../ipc/handler-types'

export interface WorkerExitInfo {
  code: number | null
  signal: string | null
  /** Why it died, as the process layer says it (crashed, oom, killed, a stderr tail, ...). */
  reason?: string
}

/** One training worker process, whatever runs it. */
export interface WorkerHandle {
  pid?: number
  send(cmd: WorkerCommand): void
  /** Raw messages: the run manager checks each against the protocol (parseWorkerEvent). */
  onMessage(cb: (message: unknown) => void): void
  onExit(cb: (info: WorkerExitInfo) => void): void
  kill(): void
}

export interface WorkerSpawnOptions {
  /** Variables laid over the host's environment for this worker (its thread count). */
  env?: Record<string, string>
}

export interface WorkerSpawner {
  spawn(options?: WorkerSpawnOptions): WorkerHandle
}

export interface RunManagerDeps {
  spawner: WorkerSpawner
  sessionsDir: () => string
  events: EventSink
  maxConcurrent: () => number
  /** Asked at each worker start, so a settings change applies to the next run. */
  workerEnv?: () => Record<string, string>
  /** Versions recorded in each new session's manifest (app, node, tfjs, ...). */
  versions: Record<string, string>
  now?: () => number
  /** Resolves a session id to its folder (the session store's listing), for runs:continue. */
  resolveSession?: (sessionId: string) => Promise<string>
  /** Minimum gap between two batched metrics events of one run (default 50 ms: 20 a second). */
  metricsIntervalMs?: number
  /** The folder of an imported dataset (the catalog's dataPath); runs read CIFAR from it. */
  datasetPath?: (id: DatasetId) => string | null
  /** Where the manager reports problems it can only log (defaults to console.warn). */
  log?: (message: string) => void
}
