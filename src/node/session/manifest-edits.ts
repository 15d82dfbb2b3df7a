// Pure edits of a session manifest, applied by SessionWriter inside a read-modify-write.
import type { BackendReport } from '../../shared/backends'
import { AppError } from '../../shared/errors'
import type { LrSchedule } from '../../shared/lr-schedule'
import type { SessionManifest, SessionStatus } from '../../shared/sessions'

type ErrorNote = { code: string; message: string } | null

/** Appends a running segment; one still open belongs to a run that died without closing it. */
export function openSegment(
  m: SessionManifest,
  startStep: number,
  backend: BackendReport | null,
  now: number,
  schedule?: LrSchedule
): SessionManifest {
  const segments = m.segments.map((s) => (s.endedAt === null ? { ...s, status: 'failed' as const, endedAt: now } : s))
  segments.push({
    index: segments.length,
    startStep,
    endStep: null,
    startedAt: now,
    endedAt: null,
    backend,
    status: 'running',
    ...(schedule ? { schedule } : {})
  })
  return { ...m, segments, status: 'running', error: null }
}

export function closeSegment(m: SessionManifest, step: number, status: SessionStatus, error: ErrorNote, now: number): SessionManifest {
  const last = m.segments.length - 1
  if (last < 0) throw new AppError('conflict', `session "${m.name}" has no segment to end`)
  const segments = m.segments.map((s, i) => (i === last ? { ...s, endStep: step, endedAt: now, status } : s))
  return { ...m, segments, status, error }
}

/** The session's status; the open segment, if any, follows it. */
export function withStatus(m: SessionManifest, status: SessionStatus): SessionManifest {
  const last = m.segments.length - 1
  return { ...m, status, segments: m.segments.map((s, i) => (i === last && s.endedAt === null ? { ...s, status } : s)) }
}

/** Adds a snapshot step and keeps the newest `max`; returns the steps to delete. */
export function addSnapshot(m: SessionManifest, step: number, max: number): { manifest: SessionManifest; pruned: number[] } {
  const steps = [...new Set([...m.sampleSnapshots, step])].sort((a, b) => a - b)
  const pruned = steps.slice(0, Math.max(0, steps.length - max))
  return { manifest: { ...m, sampleSnapshots: steps.slice(pruned.length) }, pruned }
}

export function dropSnapshotsAfter(m: SessionManifest, step: number): { manifest: SessionManifest; dropped: number[] } {
  return {
    manifest: { ...m, sampleSnapshots: m.sampleSnapshots.filter((s) => s <= step) },
    dropped: m.sampleSnapshots.filter((s) => s > step)
  }
}
