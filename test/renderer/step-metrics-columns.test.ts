// The chart columns and the compare picker read StepMetrics by the keys of its schema: each
// column holds its own field (a renamed or swapped key fails here).
import { describe, expect, it } from 'vitest'
import { STEP_SCALAR_KEYS, type StepMetrics } from '../../src/shared/metrics'
import { COMPARE_METRICS, compareLines } from '../../src/renderer/src/lib/compare'
import { STEP_SERIES_KEYS, stepStore } from '../../src/renderer/src/lib/series-store'

/** Every scalar field holds a value no other field holds. */
const record = Object.fromEntries(STEP_SCALAR_KEYS.map((k, i) => [k, i + 1])) as unknown as StepMetrics

describe('StepMetrics columns in the renderer', () => {
  it('the chart store has a column for every scalar field, each filled from its own field', () => {
    const store = stepStore()
    store.append([record])
    expect([...STEP_SERIES_KEYS]).toEqual(STEP_SCALAR_KEYS)
    for (const key of STEP_SCALAR_KEYS) expect(store.last(key), key).toBe(record[key])
  })

  it('every step metric the compare view offers reads its own field', () => {
    const steps = COMPARE_METRICS.filter((m) => m.source === 'steps')
    expect(steps.length).toBeGreaterThan(0)
    for (const spec of steps) {
      const [line] = compareLines([{ name: 'a', metrics: [record], evals: [] }], spec.id)
      expect(line.y[0], spec.id).toBe(record[spec.id as keyof StepMetrics])
    }
  })
})
