// What main accepts from a training worker: each message checked against WorkerEvent's
// shape before the run manager acts on it. A worker is code main runs, but one that sends
// garbage (a bug, a damaged install) must fail its run, not throw inside main.
import { z } from 'zod'
import { BackendReportSchema } from './backends'
import { ERROR_CODES } from './errors'
import type { WorkerEvent } from './worker-protocol'

/** Longest log line main forwards; a longer one is cut, not refused. */
export const MAX_LOG_CHARS = 4000
/** Most records in one metrics message (the trainer sends a few hundred at most). */
const MAX_RECORDS = 10_000
const MAX_MESSAGE_CHARS = 64 * 1024

const step = z.number().int().min(0)
const num = z.number().nullable()
/** Records are forwarded as they are; main reads only their step (and a metrics record's segment). */
const record = z.looseObject({ step, time: num })

const WorkerEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), pid: z.number().int() }),
  z.strictObject({ type: z.literal('started'), backend: BackendReportSchema.loose(), startStep: step, segment: step, numUnlabeled: step }),
  z.strictObject({
    type: z.literal('progress'),
    progress: z.strictObject({ step, totalSteps: step, stepsPerSec: num, imagesPerSec: num, etaSec: num })
  }),
  z.strictObject({ type: z.literal('metrics'), records: z.array(record.extend({ segment: step })).max(MAX_RECORDS) }),
  z.strictObject({ type: z.literal('eval'), record }),
  z.strictObject({ type: z.literal('sweep'), record: record.extend({ model: z.enum(['raw', 'ema']) }) }),
  z.strictObject({ type: z.literal('samples'), step }),
  z.strictObject({ type: z.literal('checkpoint'), step }),
  z.strictObject({ type: z.literal('paused'), step }),
  z.strictObject({ type: z.literal('resumed'), step }),
  z.strictObject({
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string().max(MAX_MESSAGE_CHARS).transform((m) => (m.length > MAX_LOG_CHARS ? `${m.slice(0, MAX_LOG_CHARS)}…` : m))
  }),
  z.strictObject({ type: z.literal('done'), status: z.enum(['finished', 'stopped']), step }),
  z.strictObject({
    type: z.literal('error'),
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().max(MAX_MESSAGE_CHARS), details: z.unknown().optional() })
  })
])

export type WorkerEventCheck = { ok: true; event: WorkerEvent } | { ok: false; problem: string }

export function parseWorkerEvent(message: unknown): WorkerEventCheck {
  const parsed = WorkerEventSchema.safeParse(message)
  if (parsed.success) return { ok: true, event: parsed.data as WorkerEvent }
  const issue = parsed.error.issues[0]
  const type = typeof (message as { type?: unknown } | null)?.type === 'string' ? `'${String((message as { type: string }).type).slice(0, 40)}' ` : ''
  return { ok: false, problem: `a malformed ${type}message (${issue.path.map(String).join('.') || 'message'}: ${issue.message})` }
}
