import type { SampleState } from '../../shared/metrics'

/**
 * The snapshot a sweep writes: the counters (seen, masked, flips) come from the training
 * stream, while pseudo-label and confidence come from the full sweep, so every unlabeled
 * sample has the model's current label, not only those a training batch happened to draw.
 */
export function snapshotWithSweep(state: SampleState, pseudoLabel: Int32Array, confidence: Float32Array): SampleState {
  if (pseudoLabel.length !== state.pseudoLabel.length || confidence.length !== state.confidence.length) {
    throw new RangeError(`sweep covers ${pseudoLabel.length} samples, the tracker ${state.pseudoLabel.length}`)
  }
  return { ...state, pseudoLabel: Int16Array.from(pseudoLabel), confidence: Float32Array.from(confidence) }
}
