// Analyses computed from per-sample state, for sessions without a sweep yet, and the
// pseudo-label history of one sample across snapshots.
import { confusionMatrix } from '../../../shared/analysis/confusion'
import type { SampleState } from '../../../shared/metrics'
import { counts, type PseudoLabelRule } from '../../../shared/pseudo-label-rule'

/** confusion[true][pseudo] over the samples seen at least once. */
export function confusionFromSamples(state: SampleState, numClasses: number): number[][] {
  return confusionMatrix(state.trueLabel, state.pseudoLabel, numClasses)
}

export interface ClassPR {
  precision: (number | null)[]
  recall: (number | null)[]
}

export function precisionRecall(confusion: readonly (readonly number[])[]): ClassPR {
  const n = confusion.length
  const precision: (number | null)[] = []
  const recall: (number | null)[] = []
  for (let c = 0; c < n; c++) {
    let col = 0
    let row = 0
    for (let k = 0; k < n; k++) {
      col += confusion[k][c]
      row += confusion[c][k]
    }
    precision.push(col > 0 ? confusion[c][c] / col : null)
    recall.push(row > 0 ? confusion[c][c] / row : null)
  }
  return { precision, recall }
}

export interface HistoryPoint {
  step: number
  pseudoLabel: number
  confidence: number
  correct: boolean | null
}

/** One sample's pseudo-label at each snapshot (by dataset index, so splits may differ). */
export function sampleHistory(snapshots: readonly SampleState[], datasetIndex: number): HistoryPoint[] {
  const out: HistoryPoint[] = []
  for (const s of [...snapshots].sort((a, b) => a.step - b.step)) {
    const i = s.datasetIndex.indexOf(datasetIndex)
    if (i < 0) continue
    const p = s.pseudoLabel[i]
    out.push({ step: s.step, pseudoLabel: p, confidence: s.confidence[i], correct: p < 0 ? null : p === s.trueLabel[i] })
  }
  return out
}

export interface SampleSummary {
  seen: number
  correct: number
  wrong: number
  confidentWrong: number
}

/** confidentWrong: wrong and counted by the rule (a number: the fixed threshold of older sessions). */
export function summarizeSamples(state: SampleState, rule: PseudoLabelRule | number): SampleSummary {
  const r: PseudoLabelRule = typeof rule === 'number' ? { kind: 'threshold', threshold: rule } : rule
  let seen = 0
  let correct = 0
  let confidentWrong = 0
  for (let i = 0; i < state.pseudoLabel.length; i++) {
    const p = state.pseudoLabel[i]
    if (p < 0) continue
    seen++
    if (p === state.trueLabel[i]) correct++
    else if (counts(r, state.confidence[i], p)) confidentWrong++
  }
  return { seen, correct, wrong: seen - correct, confidentWrong }
}
