// runs:* channels over the run manager (payloads are already validated by dispatch).
import { AppError } from '../../shared/errors'
import type { DomainHandlers } from '../ipc/handler-types'
import type { RunManager } from '../services/run-manager'

export function runsHandlers(runManager: RunManager): DomainHandlers<'runs'> {
  return {
    'runs:start': async ({ config }) => runManager.start(refuseRendererDataDir(config)),
    'runs:pause': async ({ runId }) => runManager.pause(runId),
    'runs:resume': async ({ runId }) => runManager.resume(runId),
    'runs:stop': async ({ runId }) => runManager.stop(runId),
    'runs:sweep-now': async ({ runId }) => runManager.sweepNow(runId),
    'runs:list': async () => runManager.list(),
    'runs:continue': async ({ sessionId, extraSteps }) => runManager.continueSession({ sessionId }, extraSteps)
  }
}

/** The renderer never names a folder: main fills dataset.dataDir from the dataset catalog. */
function refuseRendererDataDir(config: unknown): unknown {
  const dataset = (config as { dataset?: { dataDir?: unknown } } | null)?.dataset
  if (dataset?.dataDir !== undefined) {
    throw new AppError('invalid-payload', 'dataset.dataDir is set by the app from the dataset imported in the Datasets view; leave it out', {
      field: 'dataset.dataDir'
    })
  }
  return config
}
