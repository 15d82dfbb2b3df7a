// Errors shown to the user keep their code: AppError from the api, anything else as 'internal'.
import { toErrorPayload, type AppErrorPayload } from '../../../shared/errors'

export function errorPayload(error: unknown): AppErrorPayload {
  return toErrorPayload(error)
}
