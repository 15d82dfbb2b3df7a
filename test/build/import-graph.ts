// The import graph of src/: every relative import of every .ts and .vue file, resolved to a
// file, with the layer it sits in and whether it is type-only (erased at runtime).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export interface ImportEdge {
  from: string
  to: string
  typeOnly: boolean
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"],\s*import\.meta\.url/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''))
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Paths are relative to root (e.g. 'src/shared/metrics.ts'). Unresolvable relative imports throw. */
export function importGraph(root: string, srcDir = 'src'): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of sourceFiles(join(root, srcDir))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4] ?? m[5]
      if (!spec.startsWith('.')) continue
      if (spec.endsWith('.json')) continue
      const target = resolveFile(file, spec)
      // new URL(...) also names folders and data files (README.md); only modules are edges.
      if (m[5] && !(target && /\.(ts|vue)$/.test(target))) continue
      if (!target) throw new Error(`${relative(root, file)}: cannot resolve ${spec}`)
      edges.push({ from: relative(root, file), to: relative(root, target), typeOnly: Boolean(m[2]) })
    }
  }
  return edges
}

/** One cycle per strongly connected group of files that import each other, or none. */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to])
      else if (!state.has(to)) visit(to)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of next.keys()) if (!state.has(node)) visit(node)
  return cycles
}

/** 'src/renderer/src/lib/x.ts' -> 'renderer' */
export const layerOf = (path: string): string => path.split('/')[1]
