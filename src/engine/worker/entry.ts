// The training worker's entry, run as an Electron utility process (bundled by electron-vite,
// imported by main with ?modulePath) or as a Node child: `node --import tsx src/engine/worker/entry.ts`.
// It receives WorkerCommand messages, runs one Trainer and posts WorkerEvent messages.
import { requireValidConfig } from '../../shared/config/experiment-config'
import { AppError, toErrorPayload } from '../../shared/errors'
import { assertNever, type WorkerCommand, type WorkerEvent } from '../../shared/worker-protocol'
import { Trainer } from '../train/trainer'
import { createTransport, parseCommand } from './transport'

const transport = createTransport()
let trainer: Trainer | null = null
let exiting = false

function emit(event: WorkerEvent): void {
  void transport.send(event)
}

async function exitWith(code: number): Promise<void> {
  if (exiting) return
  exiting = true
  // Let queued messages reach the parent before the channel closes.
  await new Promise((resolve) => setTimeout(resolve, 50))
  await transport.close()
  process.exit(code)
}

async function fail(error: unknown): Promise<void> {
  await transport.send({ type: 'error', error: toErrorPayload(error) }).catch(() => undefined)
  await exitWith(1)
}


function handle(command: WorkerCommand): void {
  switch (command.type) {
    case 'start': {
      if (trainer) throw new AppError('conflict', 'this worker is already running a trainer')
      const current = new Trainer({ config: requireValidConfig(command.config), sessionDir: command.sessionDir, resume: command.resume, emit })
      trainer = current
      current.run().then(() => exitWith(0), fail)
      return
    }
    case 'pause':
      trainer?.pause()
      return
    case 'resume':
      trainer?.resume()
      return
    case 'stop':
      if (trainer) trainer.stop(command.reason)
      else void exitWith(0)
      return
    case 'sweep-now':
      trainer?.sweepNow()
      return
    default:
      assertNever(command)
  }
}

process.on('uncaughtException', (error) => void fail(error))
process.on('unhandledRejection', (error) => void fail(error))

transport.onMessage((message) => {
  try {
    handle(parseCommand(message))
  } catch (error) {
    void fail(error)
  }
})
emit({ type: 'ready', pid: process.pid })
