// The masking rule as a strategy: FixMatch, FlexMatch, FreeMatch ... differ only in how
// weak-view probabilities become pseudo-labels and per-sample weights, and in their state.
// A strategy never sees true labels: its only inputs are the weak-view probabilities.
import type { AlgorithmName } from '../../shared/config/experiment-config'

export interface MaskInput {
  /** softmax(weak logits / T), row-major [n, numClasses]. */
  probs: Float32Array
  numClasses: number
  /** Positions of the batch in the unlabeled set (FlexMatch keeps per-sample state). */
  unlabeledPositions: Int32Array
  step: number
}

export interface MaskOutput {
  /** argmax of the probabilities. */
  pseudo: Int32Array
  /** max of the probabilities. */
  confidence: Float32Array
  /** Per-sample weight of the unlabeled loss (0/1 for hard thresholds). */
  weight: Float32Array
  /** 1 where the sample counts as masked in (passes the rule). */
  mask: Uint8Array
}

/** JSON-serializable state, stored in checkpoints. */
export type StrategyState = Record<string, unknown>

export interface MaskStrategy {
  readonly name: AlgorithmName
  compute(input: MaskInput): MaskOutput
  getState(): StrategyState
  setState(state: StrategyState): void
}
