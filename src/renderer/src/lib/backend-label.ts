// What the status bar and the run controls say about the training backend.
import { autoBackend } from '../../../shared/backend-auto'
import type { BackendProbe, BackendReport } from '../../../shared/backends'
import { describeAdapter } from '../../../shared/gpu-adapter'
import type { RunInfo } from '../../../shared/runs'

/** The words of these labels; the renderer passes them in the current language. */
export interface BackendText {
  threads(n: number): string
  onednn(version: string): string
  vendor: string
  architecture: string
  description: string
  software: string
}

export const BACKEND_TEXT_EN: BackendText = {
  threads: (n) => `${n} thread${n === 1 ? '' : 's'}`,
  onednn: (version) => `convolutions on oneDNN ${version}`,
  vendor: 'vendor',
  architecture: 'architecture',
  description: 'description',
  software: 'software adapter: a correctness path, not a speed path'
}

export function describeBackend(backend: Pick<BackendReport, 'name' | 'device' | 'threads' | 'onednn' | 'adapter'>, text: BackendText = BACKEND_TEXT_EN): string {
  const parts = [
    backend.device,
    backend.threads ? text.threads(backend.threads) : '',
    backend.onednn ? text.onednn(backend.onednn) : '',
    backend.adapter ? describeAdapter(backend.adapter) : ''
  ].filter(Boolean)
  return parts.length > 0 ? `${backend.name} (${parts.join(', ')})` : backend.name
}

/** The report in full, one fact a line (a tooltip): the detail, then the GPU adapter and the limits it asked for. */
export function backendDetails(backend: Pick<BackendReport, 'detail' | 'adapter'>, text: BackendText = BACKEND_TEXT_EN): string {
  const lines = [backend.detail]
  const a = backend.adapter
  if (a) {
    lines.push(`${text.vendor}: ${a.vendor || '–'}`, `${text.architecture}: ${a.architecture || '–'}`, `${text.description}: ${a.description || a.device || '–'}`)
    if (a.software) lines.push(text.software)
    for (const [name, value] of Object.entries(a.limits)) lines.push(`${name}: ${value}`)
  }
  return lines.join('\n')
}

/**
 * The active backend: the one a running run reports, else the one 'auto' would pick from
 * the probes, else null.
 */
export function activeBackend(probes: readonly BackendProbe[], runs: readonly RunInfo[], text: BackendText = BACKEND_TEXT_EN): string | null {
  const live = runs.find((r) => (r.state === 'running' || r.state === 'paused') && r.backend)
  if (live?.backend) return describeBackend(live.backend, text)
  const probe = autoBackend(probes)
  return probe ? describeBackend({ name: probe.name, device: probe.device ?? '', adapter: probe.adapter }, text) : null
}
