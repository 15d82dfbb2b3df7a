// The Electron side of the worker seam: one utility process per run. Thin on purpose (it
// cannot run under Node tests); the run manager's logic lives in services/run-manager.ts.
import { app, utilityProcess, type UtilityProcess } from 'electron'
import type { WorkerCommand } from '../shared/worker-protocol'
import type { WorkerExitInfo, WorkerHandle, WorkerSpawner, WorkerSpawnOptions } from './services/run-manager-types'

type GoneDetails = Electron.Details

// 'exit' and 'child-process-gone' race; wait this long after 'exit' for the richer details.
const GONE_GRACE_MS = 150

/** Call after app 'ready'; workerPath comes from `import workerPath from '../engine/worker/entry?modulePath'`. */
export function createUtilitySpawner(workerPath: string): WorkerSpawner {
  const goneListeners = new Map<string, (details: GoneDetails) => void>()
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.serviceName) goneListeners.get(details.serviceName)?.(details)
  })
  let counter = 0
  return {
    spawn(options: WorkerSpawnOptions = {}): WorkerHandle {
      // A distinct service name lets a 'child-process-gone' be matched to its run.
      const serviceName = `Pseudoscope training ${++counter}`
      const child = utilityProcess.fork(workerPath, [], { stdio: 'pipe', serviceName, env: { ...process.env, ...options.env } })
      return utilityHandle(child, serviceName, goneListeners)
    }
  }
}

function utilityHandle(
  child: UtilityProcess,
  serviceName: string,
  goneListeners: Map<string, (details: GoneDetails) => void>
): WorkerHandle {
  let gone: GoneDetails | null = null
  let stderrTail = ''
  goneListeners.set(serviceName, (details) => (gone = details))
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000)
  })
  child.stdout?.on('data', () => undefined)
  return {
    get pid() {
      return child.pid
    },
    send: (cmd: WorkerCommand) => child.postMessage(cmd),
    onMessage: (cb: (message: unknown) => void) => child.on('message', (message: unknown) => cb(message)),
    onExit: (cb: (info: WorkerExitInfo) => void) =>
      child.once('exit', (code: number) => {
        setTimeout(() => {
          goneListeners.delete(serviceName)
          cb(exitInfo(code, gone, stderrTail))
        }, GONE_GRACE_MS)
      }),
    kill: () => {
      child.kill()
    }
  }
}

function exitInfo(code: number, gone: GoneDetails | null, stderrTail: string): WorkerExitInfo {
  const tail = stderrTail.trim().split('\n').slice(-6).join('\n')
  if (gone === null) return code === 0 ? { code, signal: null } : { code, signal: null, ...(tail ? { reason: tail } : {}) }
  if (gone.reason === 'clean-exit') return { code: gone.exitCode, signal: null }
  const reason = tail ? `${gone.reason}: ${tail}` : gone.reason
  return { code: gone.exitCode, signal: null, reason }
}
