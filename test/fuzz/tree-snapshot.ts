// A folder tree as lstat sees it (type, size, mtime, link target), to tell what a call
// changed. Symlinks are recorded, never followed, so a link out of the tree cannot hide a write.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'

export type TreeSnapshot = Map<string, string>

function kind(path: string): { line: string; dir: boolean } {
  const st = lstatSync(path)
  if (st.isSymbolicLink()) return { line: `link->${readlinkSync(path)}`, dir: false }
  if (st.isDirectory()) return { line: `dir mode ${st.mode.toString(8)}`, dir: true }
  const type = st.isFile() ? 'file' : st.isFIFO() ? 'fifo' : 'special'
  return { line: `${type} ${st.size} ${st.mtimeMs} mode ${st.mode.toString(8)}`, dir: false }
}

/** Every entry below root except the skipped subtrees. */
export function snapshotTree(root: string, skip: readonly string[] = []): TreeSnapshot {
  const out: TreeSnapshot = new Map()
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (skip.includes(path)) continue
      const { line, dir: isDir } = kind(path)
      out.set(path, line)
      if (isDir) walk(path)
    }
  }
  walk(root)
  return out
}

/** Entries added, removed or changed between two snapshots. */
export function changes(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const out: string[] = []
  for (const [path, line] of after) {
    const was = before.get(path)
    if (was === undefined) out.push(`${path} appeared (${line})`)
    else if (was !== line) out.push(`${path} changed: ${was} -> ${line}`)
  }
  for (const path of before.keys()) if (!after.has(path)) out.push(`${path} disappeared`)
  return out
}
