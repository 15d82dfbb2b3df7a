import { describe, expect, it } from 'vitest'
import { csvCell, metricsToCsv } from '../../../src/shared/analysis/metrics-csv'
import type { EvalRecord, StepMetrics } from '../../../src/shared/metrics'

function rec(step: number, plAccMasked: number | null): StepMetrics {
  return {
    step, time: 1_700_000_000_000 + step, segment: 0, lr: 0.03 * Math.cos(step / 7), lossX: 1 / 3, lossU: 1e-9, loss: 2 / 3,
    plAccAll: 0.1 + 0.2, maskRate: 0.5, plAccMasked, confidentWrong: 3, maskedCount: 7, unlabeledBatch: 448,
    meanConfidence: Math.PI / 4, stepMs: 12.5, classPseudo: [1], classTrue: [1], classCorrect: [1]
  }
}

/** A small RFC 4180 parser, independent of the writer. */
function parseCsv(text: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  return out
}

describe('metricsToCsv', () => {
  const metrics = [rec(2, 0.9), rec(1, null), rec(3, 1)]
  const evals: EvalRecord[] = [
    { step: 2, time: 0, testAcc: 0.875, testLoss: 0.1234567890123, emaTestAcc: null, emaTestLoss: null, testSamples: 10000 },
    { step: 5, time: 0, testAcc: 0.9, testLoss: 0.2, emaTestAcc: 0.91, emaTestLoss: 0.19, testSamples: 10000 }
  ]
  const rows = parseCsv(metricsToCsv(metrics, evals))
  const header = rows[0]
  const col = (name: string): number => header.indexOf(name)

  it('writes a header and one row per step, ascending, CRLF terminated', () => {
    expect(metricsToCsv(metrics, evals).endsWith('\r\n')).toBe(true)
    expect(header).toContain('plAccAll')
    expect(header).toContain('emaTestAcc')
    expect(header).not.toContain('classPseudo')
    expect(rows.slice(1).map((r) => r[col('step')])).toEqual(['1', '2', '3', '5'])
    expect(rows.every((r) => r.length === header.length)).toBe(true)
  })

  it('round-trips numbers and leaves nulls and missing evals empty', () => {
    const r2 = rows[2]
    expect(Number(r2[col('lr')])).toBe(metrics[0].lr)
    expect(Number(r2[col('plAccAll')])).toBe(0.1 + 0.2)
    expect(Number(r2[col('meanConfidence')])).toBe(Math.PI / 4)
    expect(Number(r2[col('lossU')])).toBe(1e-9)
    expect(Number(r2[col('testLoss')])).toBe(0.1234567890123)
    expect(r2[col('emaTestAcc')]).toBe('')
    expect(rows[1][col('plAccMasked')]).toBe('')
    expect(rows[1][col('testAcc')]).toBe('')
    // An eval without a metrics record keeps its row, step columns empty.
    expect(rows[4][col('lr')]).toBe('')
    expect(rows[4][col('emaTestAcc')]).toBe('0.91')
  })

  it('quotes cells per RFC 4180', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('plain')).toBe('plain')
    expect(parseCsv(`${csvCell('x,"y"\r\nz')},1\r\n`)).toEqual([['x,"y"\r\nz', '1']])
  })
})
