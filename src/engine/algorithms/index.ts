import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { AppError } from '../../shared/errors'
import { FixMatchStrategy } from './fixmatch'
import type { MaskStrategy } from './mask-strategy'

export function createStrategy(config: ExperimentConfig): MaskStrategy {
  const { name, threshold } = config.algorithm
  switch (name) {
    case 'fixmatch':
      return new FixMatchStrategy(threshold)
    case 'pseudo-label':
    case 'flexmatch':
    case 'freematch':
      throw new AppError('not-implemented', `algorithm '${name}' is not implemented yet (only 'fixmatch')`)
  }
}
