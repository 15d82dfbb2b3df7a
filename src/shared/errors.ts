// Errors cross every boundary (IPC, worker messages, CLI) as plain {code, message, details}
// objects and are rebuilt as AppError on the other side, never flattened to strings.

export const ERROR_CODES = [
  'invalid-payload',
  'invalid-config',
  'forbidden-sender',
  'not-found',
  'not-implemented',
  'already-exists',
  'conflict',
  'dataset-unavailable',
  'dataset-corrupt',
  'download-failed',
  'backend-unavailable',
  /** A tensor exceeds a device limit (e.g. WebGPU's maxStorageBufferBindingSize). */
  'backend-limit',
  'session-corrupt',
  'session-unsupported-version',
  'worker-crashed',
  'io-error',
  'internal'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorPayload {
  code: ErrorCode
  message: string
  details?: unknown
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details)
  }
}

/** Any thrown value as a payload; unknown errors become 'internal' with their message kept. */
export function toErrorPayload(error: unknown): AppErrorPayload {
  if (error instanceof AppError) return error.toPayload()
  if (error instanceof Error) return { code: 'internal', message: error.message }
  return { code: 'internal', message: String(error) }
}
