// Placeholder until the session store lands (its engineer replaces this body).
import { AppError } from '../../shared/errors'
import type { DomainHandlers, ShellPorts } from '../ipc/handler-types'

const notYet = async (): Promise<never> => {
  throw new AppError('not-implemented', 'sessions are not wired yet')
}

export function sessionsHandlers(_sessionStore: unknown, _shell: ShellPorts): DomainHandlers<'sessions'> {
  return {
    'sessions:list': async () => [],
    'sessions:open': notYet,
    'sessions:samples': notYet,
    'sessions:save-ui': notYet,
    'sessions:save-as': notYet,
    'sessions:rename': notYet,
    'sessions:delete': notYet,
    'sessions:export-csv': notYet,
    'sessions:import': notYet
  }
}
