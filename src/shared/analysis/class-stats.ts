// Per-class pseudo-label precision and recall over a window of steps, from the per-step
// class counts in metrics.jsonl. Pure: the renderer and the session export both use it.
import type { StepMetrics } from '../metrics'

export interface WindowClassStats {
  /** correct[c] / pseudo[c]: of the samples labeled c, how many truly are c. */
  precision: (number | null)[]
  /** correct[c] / truth[c]: of the samples that are c, how many got label c. */
  recall: (number | null)[]
  pseudo: number[]
  truth: number[]
  correct: number[]
}

/** Sums the records with fromStep <= step <= toStep; an empty window gives empty arrays. */
export function windowClassStats(records: StepMetrics[], fromStep: number, toStep: number): WindowClassStats {
  let numClasses = 0
  for (const r of records) {
    if (r.step >= fromStep && r.step <= toStep) numClasses = Math.max(numClasses, r.classPseudo.length)
  }
  const pseudo = new Array<number>(numClasses).fill(0)
  const truth = new Array<number>(numClasses).fill(0)
  const correct = new Array<number>(numClasses).fill(0)
  for (const r of records) {
    if (r.step < fromStep || r.step > toStep) continue
    addInto(pseudo, r.classPseudo)
    addInto(truth, r.classTrue)
    addInto(correct, r.classCorrect)
  }
  return {
    precision: correct.map((k, c) => (pseudo[c] > 0 ? k / pseudo[c] : null)),
    recall: correct.map((k, c) => (truth[c] > 0 ? k / truth[c] : null)),
    pseudo,
    truth,
    correct
  }
}

function addInto(target: number[], values: readonly number[]): void {
  const n = Math.min(target.length, values.length)
  for (let c = 0; c < n; c++) target[c] += values[c]
}
