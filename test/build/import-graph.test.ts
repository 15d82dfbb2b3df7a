// The layers of src/ import downward only (shared <- node <- engine <- main, cli; the
// renderer and preload sit on shared alone), and no files import each other in a cycle.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findCycles, importGraph, layerOf, type ImportEdge } from './import-graph'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** What each layer may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  node: ['shared'],
  engine: ['shared', 'node'],
  main: ['shared', 'node', 'engine'],
  cli: ['shared', 'node', 'engine'],
  preload: ['shared'],
  renderer: ['shared']
}

const edges = importGraph(ROOT)
const describeEdge = (e: ImportEdge): string => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`

describe('import graph of src/', () => {
  it('reads the real tree: every layer is known and the main layers import each other', () => {
    expect(edges.length).toBeGreaterThan(500)
    const layers = new Set(edges.flatMap((e) => [layerOf(e.from), layerOf(e.to)]))
    expect([...layers].filter((l) => !(l in ALLOWED))).toEqual([])
    const crossing = new Set(edges.map((e) => `${layerOf(e.from)}>${layerOf(e.to)}`))
    for (const pair of ['node>shared', 'engine>node', 'main>engine', 'cli>engine', 'renderer>shared']) expect(crossing).toContain(pair)
  })

  it('no import points upward (type-only imports included)', () => {
    const upward = edges.filter((e) => layerOf(e.from) !== layerOf(e.to) && !ALLOWED[layerOf(e.from)].includes(layerOf(e.to)))
    expect(upward.map(describeEdge)).toEqual([])
  })

  it('no files import each other in a cycle (type-only imports included)', () => {
    expect(findCycles(edges).map((c) => c.join(' -> '))).toEqual([])
  })

  it('the checks find what they look for', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, to, typeOnly: false })
    const looped = [edge('src/a/x.ts', 'src/a/y.ts'), edge('src/a/y.ts', 'src/a/z.ts'), edge('src/a/z.ts', 'src/a/x.ts'), edge('src/a/z.ts', 'src/a/w.ts')]
    expect(findCycles(looped)).toEqual([['src/a/x.ts', 'src/a/y.ts', 'src/a/z.ts', 'src/a/x.ts']])
    expect(findCycles(looped.slice(0, 2))).toEqual([])
    expect(layerOf('src/renderer/src/lib/compare.ts')).toBe('renderer')
  })
})
