import { validateExperimentConfig } from '../../shared/config/experiment-config'
import { PRESETS } from '../../shared/config/presets'
import type { DomainHandlers } from '../ipc/handler-types'

export function experimentsHandlers(): DomainHandlers<'experiments'> {
  return {
    'experiments:presets': async () => structuredClone([...PRESETS]),
    'experiments:validate': async ({ config }) => validateExperimentConfig(config)
  }
}
