// runs:* channels over the run manager (payloads are already validated by dispatch; the run
// manager refuses main-owned fields in the config it builds).
import type { DomainHandlers } from '../ipc/handler-types'
import type { RunManager } from '../services/run-manager'

export function runsHandlers(runManager: RunManager): DomainHandlers<'runs'> {
  return {
    'runs:start': async ({ config }) => runManager.start(config),
    'runs:pause': async ({ runId }) => runManager.pause(runId),
    'runs:resume': async ({ runId }) => runManager.resume(runId),
    'runs:stop': async ({ runId }) => runManager.stop(runId),
    'runs:sweep-now': async ({ runId }) => runManager.sweepNow(runId),
    'runs:list': async () => runManager.list(),
    'runs:continue': async ({ sessionId, extraSteps }) => runManager.continueSession({ sessionId }, extraSteps)
  }
}
