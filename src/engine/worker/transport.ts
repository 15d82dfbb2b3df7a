// One small adapter over the two ways a worker talks to its parent: an Electron utility
// process (process.parentPort; messages arrive as {data} events) or a Node child process
// (process.send / process.on('message')). Nothing here imports Electron.
import type { WorkerCommand, WorkerEvent } from '../../shared/worker-protocol'

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export interface WorkerTransport {
  readonly kind: 'electron-utility' | 'node-child'
  send(event: WorkerEvent): Promise<void>
  onMessage(handler: (message: unknown) => void): void
  /** Lets the process exit once pending messages are out. */
  close(): Promise<void>
}

function electronPort(): ParentPort | undefined {
  return (process as unknown as { parentPort?: ParentPort }).parentPort
}

export function createTransport(): WorkerTransport {
  const port = electronPort()
  if (port) {
    return {
      kind: 'electron-utility',
      send: async (event) => port.postMessage(event),
      onMessage: (handler) => port.on('message', (message) => handler(message.data)),
      close: async () => undefined
    }
  }
  if (typeof process.send === 'function') {
    return {
      kind: 'node-child',
      send: (event) =>
        new Promise((resolve) => {
          if (!process.connected || !process.send) return resolve()
          process.send(event, undefined, {}, () => resolve())
        }),
      onMessage: (handler) => process.on('message', handler),
      close: async () => {
        if (process.connected) process.disconnect()
      }
    }
  }
  throw new Error('the training worker must run as an Electron utility process or a Node child process with an IPC channel')
}

const COMMAND_TYPES = new Set<WorkerCommand['type']>(['start', 'pause', 'resume', 'stop', 'sweep-now'])

/** A structural check of an incoming message; the config itself is validated by the entry. */
export function parseCommand(message: unknown): WorkerCommand {
  const m = message as { type?: unknown } | null
  if (typeof m !== 'object' || m === null || !COMMAND_TYPES.has(m.type as WorkerCommand['type'])) {
    throw new Error(`unknown worker command: ${JSON.stringify(message)?.slice(0, 200)}`)
  }
  const command = m as WorkerCommand
  if (command.type === 'start' && (typeof command.sessionDir !== 'string' || typeof command.runId !== 'string')) {
    throw new Error('start command needs a runId and a sessionDir')
  }
  if (command.type === 'start' && typeof command.resume !== 'boolean') {
    throw new Error(`start command needs resume true or false, got ${JSON.stringify(command.resume)}`)
  }
  if (command.type === 'stop' && command.reason !== 'user' && command.reason !== 'quit') {
    throw new Error(`stop command has an unknown reason: ${String(command.reason)}`)
  }
  return command
}
