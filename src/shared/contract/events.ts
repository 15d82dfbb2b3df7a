// Events main pushes to the renderer. Declared once; preload exposes `on(event, cb)`.
import type { DownloadProgress } from '../datasets'
import type { RunEvalEvent, RunInfo, RunLogEvent, RunMetricsEvent, RunSamplesEvent, RunSweepEvent } from '../runs'

const event = <T>(): T | undefined => undefined

export const EVENT_CHANNELS = {
  'runs:changed': event<RunInfo>(),
  'runs:metrics': event<RunMetricsEvent>(),
  'runs:eval': event<RunEvalEvent>(),
  'runs:sweep': event<RunSweepEvent>(),
  'runs:samples': event<RunSamplesEvent>(),
  'runs:log': event<RunLogEvent>(),
  'datasets:download-progress': event<DownloadProgress>(),
  'sessions:changed': event<{ sessionId: string | null }>(),
  'sweeps:changed': event<{ sweepId: string }>()
} as const

export type EventChannels = typeof EVENT_CHANNELS
export type EventChannel = keyof EventChannels
export type EventPayload<E extends EventChannel> = Exclude<EventChannels[E], undefined>
export const EVENT_CHANNEL_NAMES = Object.keys(EVENT_CHANNELS) as EventChannel[]
