// The walk a sweep-wide read (a comparison, a study) makes over the sweep's runs: each run's
// session folder, when it is a real folder inside the sweep, read into what the read needs.
import type { SweepManifest, SweepRunEntry } from '../../shared/sweep-manifest'
import { assertNoSymlinkBelow, entryKind } from '../session/untrusted-fs'
import { runSessionDir } from './sweep-folder'

/** The read runs in manifest order: a run is left out when its folder is missing, a symlink,
 *  outside the sweep or unreadable, or when `read` finds nothing measured yet (null). */
export async function readMeasuredRuns<T>(sweepDir: string, manifest: SweepManifest, read: (sessionDir: string, run: SweepRunEntry) => Promise<T | null>): Promise<T[]> {
  const out: T[] = []
  for (const run of manifest.runs) {
    const sessionDir = runSessionDir(sweepDir, run)
    try {
      await assertNoSymlinkBelow(sweepDir, sessionDir)
      if ((await entryKind(sessionDir)) !== 'folder') continue
      const value = await read(sessionDir, run)
      if (value !== null) out.push(value)
    } catch {
      // An unreadable run counts as not measured; `runs - measured` tells the reader how many.
    }
  }
  return out
}
