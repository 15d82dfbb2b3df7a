// The bounds of a comparison, as USB runs its baseline (U fullysupervised/fullysupervised.py):
// train_step(x_lb, y_lb) is the mean cross-entropy on a labeled batch, nothing else. USB's
// "supervised" row is that algorithm on the labeled set alone; its "fully supervised" row is
// it on every training label (the oracle: its labeled set is the whole train set, see
// oracleSplit). Neither forwards an unlabeled batch, so neither has pseudo-labels; their
// sweeps still read the model at the config's threshold, to show what it would pseudo-label.
import type { BoundName } from '../config/experiment-config'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import type { ForwardKind, MaskInput, MaskOutput, MaskStrategy, StrategyState } from './mask-strategy'

export class SupervisedStrategy implements MaskStrategy {
  readonly forward: ForwardKind = 'labeled-only'
  readonly readsTemperature = false

  constructor(
    readonly name: BoundName,
    /** Only the sweeps read it (what the model would pseudo-label); training never does. */
    readonly threshold: number
  ) {}

  rule(): PseudoLabelRule {
    return { kind: 'threshold', threshold: this.threshold }
  }

  /** No unlabeled batch reaches a bound: an empty output for an empty input. */
  compute(input: MaskInput): MaskOutput {
    if (input.probs.length > 0) throw new Error(`${this.name} trains on labels only; it masks no unlabeled batch`)
    return { pseudo: new Int32Array(0), confidence: new Float32Array(0), weight: new Float32Array(0), mask: new Uint8Array(0), rule: this.rule() }
  }

  unsupScale(_step: number): number {
    return 0
  }

  getState(): StrategyState {
    return {}
  }

  setState(_state: StrategyState): void {}
}

/** Positions of the labeled and unlabeled training images (the shape of node's DataSplit). */
export interface LabelSplit {
  labeled: Int32Array
  unlabeled: Int32Array
}

/** The oracle's split: every training image labeled; the unlabeled set (sweeps only) kept. */
export function oracleSplit(split: LabelSplit, numTrain: number): LabelSplit {
  return { labeled: Int32Array.from({ length: numTrain }, (_, i) => i), unlabeled: split.unlabeled }
}
