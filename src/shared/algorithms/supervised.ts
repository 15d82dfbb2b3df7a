// The bounds of a comparison, as USB runs its baseline (U fullysupervised/fullysupervised.py):
// train_step(x_lb, y_lb) is the mean cross-entropy on a labeled batch, nothing else. USB's
// "supervised" row is that algorithm on the labeled set alone; its "fully supervised" row is
// it on every training label (the oracle: its labeled set is the whole train set, see
// oracleSplit). Neither forwards an unlabeled batch, so neither has pseudo-labels; their
// sweeps still read the model at the config's threshold, to show what it would pseudo-label.
import { defineAlgorithm } from './definition'
import type { PseudoLabelRule } from '../pseudo-label-rule'
import type { ForwardKind, MaskInput, MaskOutput, MaskStrategy, StrategyState } from './mask-strategy'

/** The bounds' names (registry.ts's BoundName, spelled out here where the registry's types start). */
type BoundName = 'supervised' | 'fullysupervised'

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

/** USB's supervised baseline: the labeled set alone, the lower bound of a comparison. */
export const definition = defineAlgorithm({
  name: 'supervised',
  title: { en: 'Supervised (labeled only)', ko: '지도 학습 (레이블만)' },
  summary: 'the labeled set alone, no unlabeled loss',
  bound: true,
  settings: {},
  settingMeta: {},
  // The bounds train on no pseudo-label; their sweeps read the model at the config's threshold.
  reads: ['threshold'],
  ruleKind: 'threshold',
  createStrategy: (s) => new SupervisedStrategy(s.name, s.threshold)
})
