// What the status bar and the run controls say about the training backend.
import { autoBackend } from '../../../shared/backend-auto'
import type { BackendProbe, BackendReport } from '../../../shared/backends'
import { describeAdapter } from '../../../shared/gpu-adapter'
import type { RunInfo } from '../../../shared/runs'

export function describeBackend(backend: Pick<BackendReport, 'name' | 'device' | 'threads' | 'adapter'>): string {
  const parts = [
    backend.device,
    backend.threads ? `${backend.threads} thread${backend.threads === 1 ? '' : 's'}` : '',
    backend.adapter ? describeAdapter(backend.adapter) : ''
  ].filter(Boolean)
  return parts.length > 0 ? `${backend.name} (${parts.join(', ')})` : backend.name
}

/** The report in full, one fact a line (a tooltip): the detail, then the GPU adapter and the limits it asked for. */
export function backendDetails(backend: Pick<BackendReport, 'detail' | 'adapter'>): string {
  const lines = [backend.detail]
  const a = backend.adapter
  if (a) {
    lines.push(`vendor: ${a.vendor || '–'}`, `architecture: ${a.architecture || '–'}`, `description: ${a.description || a.device || '–'}`)
    if (a.software) lines.push('software adapter: a correctness path, not a speed path')
    for (const [name, value] of Object.entries(a.limits)) lines.push(`${name}: ${value}`)
  }
  return lines.join('\n')
}

/**
 * The active backend: the one a running run reports, else the one 'auto' would pick from
 * the probes, else null.
 */
export function activeBackend(probes: readonly BackendProbe[], runs: readonly RunInfo[]): string | null {
  const live = runs.find((r) => (r.state === 'running' || r.state === 'paused') && r.backend)
  if (live?.backend) return describeBackend(live.backend)
  const probe = autoBackend(probes)
  return probe ? describeBackend({ name: probe.name, device: probe.device ?? '', adapter: probe.adapter }) : null
}
