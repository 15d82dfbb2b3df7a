// sweeps:* channels over the sweep service (payloads are already validated by dispatch).
import type { DomainHandlers } from '../ipc/handler-types'
import type { SweepService } from '../services/sweeps/sweep-service'

export function sweepsHandlers(sweeps: SweepService): DomainHandlers<'sweeps'> {
  return {
    'sweeps:list': async () => sweeps.list(),
    'sweeps:get': async ({ sweepId }) => sweeps.get(sweepId),
    'sweeps:comparison': async ({ sweepId }) => sweeps.comparison(sweepId),
    'sweeps:ablation': async ({ sweepId }) => sweeps.ablation(sweepId),
    'sweeps:submit': async (request) => sweeps.submit(request),
    'sweeps:cancel': async ({ sweepId, runIndex }) => sweeps.cancel(sweepId, runIndex),
    'sweeps:resubmit': async ({ sweepId }) => sweeps.resubmit(sweepId),
    'sweeps:open-run': async ({ sweepId, runIndex }) => sweeps.openRun(sweepId, runIndex)
  }
}
