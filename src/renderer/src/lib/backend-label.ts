// What the status bar says about the training backend.
import type { BackendProbe, BackendReport } from '../../../shared/backends'
import type { RunInfo } from '../../../shared/runs'

export function describeBackend(backend: Pick<BackendReport, 'name' | 'device' | 'threads'>): string {
  const parts = [backend.device, backend.threads ? `${backend.threads} thread${backend.threads === 1 ? '' : 's'}` : ''].filter(Boolean)
  return parts.length > 0 ? `${backend.name} (${parts.join(', ')})` : backend.name
}

/**
 * The active backend: the one a running run reports, else the first available probe
 * (probes come best first), else null.
 */
export function activeBackend(probes: readonly BackendProbe[], runs: readonly RunInfo[]): string | null {
  const live = runs.find((r) => (r.state === 'running' || r.state === 'paused') && r.backend)
  if (live?.backend) return describeBackend(live.backend)
  const probe = probes.find((p) => p.available)
  return probe ? describeBackend({ name: probe.name, device: probe.device ?? '' }) : null
}
