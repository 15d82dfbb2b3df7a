// Placeholder until the run manager lands (its engineer replaces this body).
import { AppError } from '../../shared/errors'
import type { DomainHandlers } from '../ipc/handler-types'

const notYet = async (): Promise<never> => {
  throw new AppError('not-implemented', 'runs are not wired yet')
}

export function runsHandlers(_runManager: unknown): DomainHandlers<'runs'> {
  return {
    'runs:start': notYet,
    'runs:pause': notYet,
    'runs:resume': notYet,
    'runs:stop': notYet,
    'runs:sweep-now': notYet,
    'runs:list': async () => [],
    'runs:continue': notYet
  }
}
