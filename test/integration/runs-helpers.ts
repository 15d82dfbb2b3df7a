// The app's real services, handler table and IPC dispatch under Node, with real training
// workers as child processes (the app uses utility processes through the same seam).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { presetConfig } from '../../src/shared/config/presets'
import type { ExperimentConfig } from '../../src/shared/config/experiment-config'
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { createHandlerTable } from '../../src/main/handlers'
import { dispatch } from '../../src/main/ipc/handle'
import type { ShellPorts } from '../../src/main/ipc/handler-types'
import { NodeChildSpawner } from '../../src/main/services/node-child-spawner'
import type { WorkerHandle, WorkerSpawner } from '../../src/main/services/run-manager-types'
import { createServices, type AppServices } from '../../src/main/services/services'

export interface Recorded {
  event: EventChannel
  payload: unknown
  at: number
}

/** A few-step Quick MNIST: 2 labels per class, batch 8, mu 2. */
export function tinyConfig(name: string, steps: number, overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  const base = presetConfig('quick-mnist')
  return {
    ...base,
    name,
    split: { ...base.split, labelsPerClass: 2 },
    batch: { labeled: 8, mu: 2 },
    steps,
    evalInterval: steps,
    sweepInterval: 0,
    checkpointInterval: 2,
    backend: 'wasm',
    ...overrides
  }
}

export interface Harness {
  root: string
  services: AppServices
  events: Recorded[]
  /** Worker handles in spawn order. */
  workers: WorkerHandle[]
  call<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>): Promise<InvokeResponse<C>>
  /** The raw outcome, for payloads the contract's types would not even allow. */
  raw(channel: string, payload: unknown): ReturnType<typeof dispatch>
  of<E extends EventChannel>(event: E): EventPayload<E>[]
}

/** `pickPath` answers main's open dialog (datasets:import, sessions:import). */
export function createHarness(options: { pickPath?: () => string | null } = {}): Harness {
  const root = mkdtempSync(join(tmpdir(), 'pseudoscope-it-'))
  const events: Recorded[] = []
  const workers: WorkerHandle[] = []
  const inner = new NodeChildSpawner()
  const spawner: WorkerSpawner = {
    spawn(options) {
      const handle = inner.spawn(options)
      workers.push(handle)
      return handle
    }
  }
  const shell: ShellPorts = {
    pickOpenPath: async () => options.pickPath?.() ?? null,
    pickSavePath: async () => null,
    trash: async () => {
      throw new Error('not in these tests')
    }
  }
  const services = createServices({
    userDataDir: root,
    spawner,
    events: <E extends EventChannel>(event: E, payload: EventPayload<E>) => events.push({ event, payload, at: performance.now() }),
    shell,
    imageBaseUrl: 'http://localhost/',
    app: { name: 'pseudoscope', version: 'test' }
  })
  const table = createHandlerTable(services)
  const raw = (channel: string, payload: unknown) => dispatch(table, channel, payload)
  return {
    root,
    services,
    events,
    workers,
    raw,
    async call(channel, payload) {
      const result = await raw(channel, payload)
      if (!result.ok) throw AppError.fromPayload(result.error)
      return result.value as InvokeResponse<typeof channel>
    },
    of: <E extends EventChannel>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>)
  }
}

export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
