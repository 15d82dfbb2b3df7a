import { describe, expect, it } from 'vitest'
import { defaultFilter, filterSamples, sortSamples } from '../../src/renderer/src/lib/sample-filter'
import type { SampleState } from '../../src/shared/metrics'

function state(rows: { t: number; p: number; c: number; f?: number }[]): SampleState {
  const n = rows.length
  return {
    step: 10,
    datasetIndex: Int32Array.from(rows.map((_, i) => 100 + i)),
    trueLabel: Int16Array.from(rows.map((r) => r.t)),
    pseudoLabel: Int16Array.from(rows.map((r) => r.p)),
    confidence: Float32Array.from(rows.map((r) => r.c)),
    lastStep: new Int32Array(n),
    timesSeen: new Int32Array(n),
    timesMasked: new Int32Array(n),
    timesMaskedWrong: new Int32Array(n),
    flips: Int32Array.from(rows.map((r) => r.f ?? 0))
  }
}

const s = state([
  { t: 0, p: 0, c: 0.99, f: 0 }, // 0 right, confident
  { t: 1, p: 2, c: 0.97, f: 3 }, // 1 wrong, confident
  { t: 2, p: 1, c: 0.4, f: 1 }, // 2 wrong, unsure
  { t: 1, p: -1, c: 0, f: 0 }, // 3 never seen
  { t: 2, p: 2, c: 0.6, f: 5 } // 4 right
])

describe('filterSamples', () => {
  it('passes everything with the default filter', () => {
    expect([...filterSamples(s, defaultFilter())]).toEqual([0, 1, 2, 3, 4])
  })
  it('wrong only leaves out right and unseen samples', () => {
    expect([...filterSamples(s, { ...defaultFilter(), wrongOnly: true })]).toEqual([1, 2])
  })
  it('confident-wrong needs confidence >= threshold and a wrong label', () => {
    expect([...filterSamples(s, { ...defaultFilter(0.95), confidentWrong: true })]).toEqual([1])
    expect([...filterSamples(s, { ...defaultFilter(0.3), confidentWrong: true })]).toEqual([1, 2])
  })
  it('filters by true class, pseudo-class, confidence range and flips', () => {
    expect([...filterSamples(s, { ...defaultFilter(), trueClass: 2 })]).toEqual([2, 4])
    expect([...filterSamples(s, { ...defaultFilter(), pseudoClass: 2 })]).toEqual([1, 4])
    expect([...filterSamples(s, { ...defaultFilter(), minConfidence: 0.5, maxConfidence: 0.98 })]).toEqual([1, 4])
    expect([...filterSamples(s, { ...defaultFilter(), minFlips: 3 })]).toEqual([1, 4])
  })
})

describe('sortSamples', () => {
  const all = filterSamples(s, defaultFilter())
  it('sorts by confidence both ways with unseen samples last', () => {
    expect([...sortSamples(s, all, 'confidence-desc')]).toEqual([0, 1, 4, 2, 3])
    expect([...sortSamples(s, all, 'confidence-asc')]).toEqual([2, 4, 1, 0, 3])
  })
  it('sorts by flips, ties in index order, and by index', () => {
    expect([...sortSamples(s, all, 'flips-desc')]).toEqual([4, 1, 2, 0, 3])
    expect([...sortSamples(s, Int32Array.from([4, 0, 2]), 'index')]).toEqual([0, 2, 4])
  })
  it('does not modify its input', () => {
    const input = Int32Array.from([4, 0, 2])
    sortSamples(s, input, 'confidence-desc')
    expect([...input]).toEqual([4, 0, 2])
  })
})
