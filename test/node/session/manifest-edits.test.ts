import { describe, expect, it } from 'vitest'
import { addSnapshot, closeSegment, dropSnapshotsAfter, openSegment, withStatus } from '../../../src/node/session/manifest-edits'
import { SESSION_SCHEMA_VERSION, type SessionManifest } from '../../../src/shared/sessions'
import { config } from './fixtures'

const base: SessionManifest = {
  schemaVersion: SESSION_SCHEMA_VERSION, app: 'pseudoscope', name: 'm', config, status: 'created', createdAt: 0, updatedAt: 0,
  versions: {}, segments: [], checkpointStep: null, sampleSnapshots: [], error: null
}

describe('manifest edits', () => {
  it('closes a segment left open by a dead run when a new one opens', () => {
    const first = openSegment(base, 0, null, 10)
    const paused = withStatus(first, 'paused')
    expect(paused.segments[0].status).toBe('paused')
    const second = openSegment(paused, 50, null, 20)
    expect(second.segments.map((s) => [s.index, s.status, s.endedAt])).toEqual([
      [0, 'failed', 20],
      [1, 'running', null]
    ])
    const done = closeSegment(second, 80, 'finished', null, 30)
    expect(done.segments[1]).toMatchObject({ endStep: 80, endedAt: 30, status: 'finished' })
    expect(withStatus(done, 'stopped').segments[1].status).toBe('finished')
    expect(() => closeSegment(base, 1, 'stopped', null, 1)).toThrow(/no segment/)
  })

  it('adds, prunes and drops snapshot steps', () => {
    let m = base
    const pruned: number[] = []
    for (const step of [5, 1, 3, 9]) {
      const edit = addSnapshot(m, step, 3)
      m = edit.manifest
      pruned.push(...edit.pruned)
    }
    expect(m.sampleSnapshots).toEqual([3, 5, 9])
    expect(pruned).toEqual([1])
    const cut = dropSnapshotsAfter(m, 4)
    expect(cut.manifest.sampleSnapshots).toEqual([3])
    expect(cut.dropped).toEqual([5, 9])
  })
})
