// session.json has one schema (shared/sessions): the type is its z.infer, and the file is read
// with the same schema made loose, so keys a newer minor wrote survive a rewrite by this one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readManifest, updateManifest, writeManifest } from '../../../src/node/session/manifest-file'
import { SESSION_SCHEMA_VERSION, SessionManifestSchema, type SessionManifest } from '../../../src/shared/sessions'
import { config, tempRoot } from './fixtures'

const manifest: SessionManifest = {
  schemaVersion: SESSION_SCHEMA_VERSION, app: 'pseudoscope', name: 'm', config, status: 'running', createdAt: 1, updatedAt: 2,
  versions: { node: '22' }, checkpointStep: 10, sampleSnapshots: [10], error: null,
  segments: [{
    index: 0, startStep: 0, endStep: null, startedAt: 1, endedAt: null, status: 'running',
    backend: { name: 'cpu', device: 'CPU', detail: 'pure JavaScript', threads: 1 }
  }]
}

describe('SessionManifest schema', () => {
  it('a manifest of the type passes its schema, and a wrong field is refused by name', () => {
    expect(SessionManifestSchema.safeParse(manifest).success).toBe(true)
    const bad = SessionManifestSchema.safeParse({ ...manifest, segments: [{ ...manifest.segments[0], status: 'stopping' }] })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].path).toEqual(['segments', 0, 'status'])
  })

  it('keeps keys a newer version wrote (top level, segment, backend report) through a read and an update', async () => {
    const { dir, cleanup } = tempRoot('pseudoscope-manifest-')
    try {
      const folder = dir('s')
      mkdirSync(folder)
      await writeManifest(folder, manifest)
      const path = join(folder, 'session.json')
      const onDisk = JSON.parse(readFileSync(path, 'utf8'))
      onDisk.future = { kept: true }
      onDisk.segments[0].futureSegment = 7
      onDisk.segments[0].backend.futureAdapter = 'x'
      writeFileSync(path, JSON.stringify(onDisk))
      await updateManifest(folder, (m) => ({ ...m, status: 'stopped' }))
      const back = JSON.parse(readFileSync(path, 'utf8'))
      expect(back.status).toBe('stopped')
      expect(back.future).toEqual({ kept: true })
      expect(back.segments[0].futureSegment).toBe(7)
      expect(back.segments[0].backend.futureAdapter).toBe('x')
      expect((await readManifest(folder)).name).toBe('m')
    } finally {
      cleanup()
    }
  })
})
