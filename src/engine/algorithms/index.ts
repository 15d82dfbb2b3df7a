import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { assertNever } from '../../shared/worker-protocol'
import { FixMatchStrategy } from './fixmatch'
import { FlexMatchStrategy } from './flexmatch'
import type { MaskStrategy } from './mask-strategy'

export interface StrategyContext {
  numClasses: number
  /** Size of the unlabeled set (per-sample state). */
  numUnlabeled: number
}

export function createStrategy(config: ExperimentConfig, context: StrategyContext): MaskStrategy {
  const { name, threshold } = config.algorithm
  switch (name) {
    case 'fixmatch':
      return new FixMatchStrategy(threshold)
    case 'flexmatch':
      return new FlexMatchStrategy(threshold, context.numClasses, context.numUnlabeled)
    default:
      return assertNever(name)
  }
}
