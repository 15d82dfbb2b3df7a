// Per-sample pseudo-label history over every unlabeled sample (DESIGN.md section 5).
// The tracker holds the hidden true labels only to count "masked while wrong"; the
// trainer never reads anything back from it.
import type { SampleState } from '../../shared/metrics'

export class SampleTracker {
  private readonly datasetIndex: Int32Array
  private readonly trueLabel: Int16Array
  private readonly pseudoLabel: Int16Array
  private readonly confidence: Float32Array
  private readonly lastStep: Int32Array
  private readonly timesSeen: Int32Array
  private readonly timesMasked: Int32Array
  private readonly timesMaskedWrong: Int32Array
  private readonly flips: Int32Array

  constructor(datasetIndex: Int32Array, trueLabel: Int16Array) {
    if (datasetIndex.length !== trueLabel.length) {
      throw new RangeError(`sample tracker: ${datasetIndex.length} indices but ${trueLabel.length} labels`)
    }
    const n = datasetIndex.length
    this.datasetIndex = datasetIndex.slice()
    this.trueLabel = trueLabel.slice()
    this.pseudoLabel = new Int16Array(n).fill(-1)
    this.confidence = new Float32Array(n)
    this.lastStep = new Int32Array(n).fill(-1)
    this.timesSeen = new Int32Array(n)
    this.timesMasked = new Int32Array(n)
    this.timesMaskedWrong = new Int32Array(n)
    this.flips = new Int32Array(n)
  }

  get size(): number {
    return this.datasetIndex.length
  }

  /**
   * Records one batch. A sample that appears twice in a batch (expanded sampling lists)
   * counts as two sightings in batch order: the later one may flip against the earlier
   * one, and the last one's label and confidence are kept.
   */
  update(positions: Int32Array, pseudoLabel: Int32Array, confidence: Float32Array, mask: Uint8Array, step: number): void {
    const m = positions.length
    if (pseudoLabel.length !== m || confidence.length !== m || mask.length !== m) {
      throw new RangeError(
        `sample tracker: lengths differ (positions ${m}, pseudoLabel ${pseudoLabel.length}, confidence ${confidence.length}, mask ${mask.length})`
      )
    }
    const n = this.size
    for (let j = 0; j < m; j++) {
      const i = positions[j]
      if (i < 0 || i >= n) throw new RangeError(`sample tracker: position ${i} outside 0..${n - 1}`)
      const label = pseudoLabel[j]
      const previous = this.pseudoLabel[i]
      if (previous >= 0 && previous !== label) this.flips[i]++
      this.pseudoLabel[i] = label
      this.confidence[i] = confidence[j]
      this.lastStep[i] = step
      this.timesSeen[i]++
      if (mask[j]) {
        this.timesMasked[i]++
        if (label !== this.trueLabel[i]) this.timesMaskedWrong[i]++
      }
    }
  }

  snapshot(step: number): SampleState {
    return {
      step,
      datasetIndex: this.datasetIndex.slice(),
      trueLabel: this.trueLabel.slice(),
      pseudoLabel: this.pseudoLabel.slice(),
      confidence: this.confidence.slice(),
      lastStep: this.lastStep.slice(),
      timesSeen: this.timesSeen.slice(),
      timesMasked: this.timesMasked.slice(),
      timesMaskedWrong: this.timesMaskedWrong.slice(),
      flips: this.flips.slice()
    }
  }

  /** Continues a saved history (resume from a checkpoint). */
  static fromState(state: SampleState): SampleTracker {
    const tracker = new SampleTracker(state.datasetIndex, state.trueLabel)
    const n = tracker.size
    const fields = [
      ['pseudoLabel', state.pseudoLabel, tracker.pseudoLabel],
      ['confidence', state.confidence, tracker.confidence],
      ['lastStep', state.lastStep, tracker.lastStep],
      ['timesSeen', state.timesSeen, tracker.timesSeen],
      ['timesMasked', state.timesMasked, tracker.timesMasked],
      ['timesMaskedWrong', state.timesMaskedWrong, tracker.timesMaskedWrong],
      ['flips', state.flips, tracker.flips]
    ] as const
    for (const [name, source, target] of fields) {
      if (source.length !== n) throw new RangeError(`sample state: ${name} has ${source.length} entries, expected ${n}`)
      target.set(source)
    }
    return tracker
  }
}
