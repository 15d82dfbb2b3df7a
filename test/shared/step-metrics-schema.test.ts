// StepMetrics has one field list, its schema. Every reader and writer of its keys (the CSV
// export, the metrics.jsonl reader; the chart columns in test/renderer/step-metrics-columns)
// must cover exactly those keys, each under its own name: a field renamed in one place fails.
import { describe, expect, it } from 'vitest'
import { STEP_METRICS_KEYS, STEP_SCALAR_KEYS, StepMetricsSchema, type StepMetrics } from '../../src/shared/metrics'
import { metricsToCsv } from '../../src/shared/analysis/metrics-csv'
import { validateStepMetrics } from '../../src/node/session/records'
import { stepRecord } from '../node/session/fixtures'

const ARRAY_KEYS = ['classPseudo', 'classTrue', 'classCorrect', 'classThresholds']
/** Fields older sessions lack (classThresholds: only algorithms with per-class thresholds; ablationChanged: only oracle ablations). */
const OPTIONAL_KEYS = STEP_METRICS_KEYS.filter((k) => StepMetricsSchema.shape[k].safeParse(undefined).success)

/** A record whose every scalar field holds a value no other field holds, so a swap shows. */
function distinctRecord(): StepMetrics {
  const r = stepRecord(7, 2) as unknown as Record<string, unknown>
  STEP_SCALAR_KEYS.forEach((k, i) => {
    if (k !== 'step' && k !== 'segment') r[k] = 1000 + i + 0.25
  })
  return r as unknown as StepMetrics
}

describe('StepMetrics keys', () => {
  it('the schema lists the fields a typed record has, the count arrays apart from the scalars', () => {
    expect(OPTIONAL_KEYS).toEqual(['classThresholds', 'ablationChanged'])
    expect(STEP_METRICS_KEYS.filter((k) => !OPTIONAL_KEYS.includes(k)).sort()).toEqual(Object.keys(stepRecord(1)).sort())
    expect(STEP_METRICS_KEYS.filter((k) => !STEP_SCALAR_KEYS.includes(k as never))).toEqual(ARRAY_KEYS)
    expect(STEP_SCALAR_KEYS).toContain('confidentWrong')
  })

  it('the CSV header is the schema scalars in order, and each cell holds its own field', () => {
    const r = distinctRecord()
    const [header, row] = metricsToCsv([r], []).split('\r\n')
    const columns = header.split(',')
    const stepColumns = columns.slice(0, STEP_SCALAR_KEYS.length)
    expect(stepColumns).toEqual(STEP_SCALAR_KEYS)
    const cells = row.split(',')
    for (const [i, key] of stepColumns.entries()) expect(cells[i], key).toBe(String(r[key as keyof StepMetrics]))
  })

  it('the metrics.jsonl reader checks every schema field by its name and keeps each value', () => {
    const r = distinctRecord()
    expect(validateStepMetrics(JSON.parse(JSON.stringify(r)))).toEqual(r)
    for (const key of STEP_METRICS_KEYS) {
      const missing = JSON.parse(JSON.stringify(r)) as Record<string, unknown>
      delete missing[key]
      if (OPTIONAL_KEYS.includes(key)) {
        expect(StepMetricsSchema.safeParse(missing).success, key).toBe(true)
        continue
      }
      expect(() => validateStepMetrics(missing), key).toThrow(new RegExp(`^${key}: `))
      expect(StepMetricsSchema.safeParse(missing).success, key).toBe(false)
    }
  })
})
