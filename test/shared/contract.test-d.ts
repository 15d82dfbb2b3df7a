// Pins the contract's types: a changed channel, payload or response breaks this file.
import { describe, expectTypeOf, it } from 'vitest'
import type { BackendProbe } from '../../src/shared/backends'
import type { ConfigValidation } from '../../src/shared/config/experiment-config'
import type { ExperimentPreset } from '../../src/shared/config/presets'
import type {
  AppInfo,
  DatasetSamplesPage,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  IpcResult,
  PseudoscopeApi,
  PseudoscopeBridge,
  Unsubscribe
} from '../../src/shared/contract'
import type { DatasetSummary, DownloadProgress } from '../../src/shared/datasets'
import type { SampleState } from '../../src/shared/metrics'
import type { RunInfo, RunMetricsEvent } from '../../src/shared/runs'
import type { SessionData, SessionSummary } from '../../src/shared/sessions'
import type { Settings } from '../../src/shared/settings'
import type { Handler, HandlerTable } from '../../src/main/ipc/handler-types'

type Api = PseudoscopeApi

describe('invoke channels', () => {
  it('lists exactly the contract channels', () => {
    expectTypeOf<InvokeChannel>().toEqualTypeOf<
      | 'app:info'
      | 'app:backends'
      | 'datasets:list'
      | 'datasets:get'
      | 'datasets:split'
      | 'datasets:samples'
      | 'datasets:import'
      | 'datasets:download'
      | 'experiments:presets'
      | 'experiments:validate'
      | 'runs:start'
      | 'runs:pause'
      | 'runs:resume'
      | 'runs:stop'
      | 'runs:sweep-now'
      | 'runs:list'
      | 'runs:continue'
      | 'sessions:list'
      | 'sessions:open'
      | 'sessions:samples'
      | 'sessions:save-ui'
      | 'sessions:save-as'
      | 'sessions:rename'
      | 'sessions:delete'
      | 'sessions:export-csv'
      | 'sessions:import'
      | 'sessions:open-study'
      | 'sweeps:list'
      | 'sweeps:get'
      | 'sweeps:comparison'
      | 'sweeps:ablation'
      | 'sweeps:submit'
      | 'sweeps:cancel'
      | 'sweeps:resubmit'
      | 'sweeps:open-run'
      | 'settings:get'
      | 'settings:set'
      | 'settings:choose-sessions-dir'
    >()
  })

  it('types requests and responses per channel', () => {
    expectTypeOf<InvokeRequest<'app:info'>>().toEqualTypeOf<undefined>()
    expectTypeOf<InvokeResponse<'app:info'>>().toEqualTypeOf<AppInfo>()
    expectTypeOf<InvokeResponse<'app:backends'>>().toEqualTypeOf<BackendProbe[]>()
    expectTypeOf<InvokeRequest<'runs:pause'>>().toEqualTypeOf<{ runId: string }>()
    expectTypeOf<InvokeRequest<'runs:start'>>().toEqualTypeOf<{ config: unknown }>()
    expectTypeOf<InvokeResponse<'datasets:import'>>().toEqualTypeOf<DatasetSummary | null>()
    expectTypeOf<InvokeResponse<'sessions:export-csv'>>().toEqualTypeOf<{ path: string } | null>()
    expectTypeOf<InvokeRequest<'sessions:samples'>>().toEqualTypeOf<{ sessionId: string; step: number | null }>()
  })

  it('gives every handler its channel types', () => {
    expectTypeOf<HandlerTable['runs:stop']>().toEqualTypeOf<Handler<'runs:stop'>>()
    expectTypeOf<HandlerTable['runs:stop']>().parameter(0).toEqualTypeOf<{ runId: string }>()
    expectTypeOf<HandlerTable['runs:stop']>().returns.resolves.toEqualTypeOf<RunInfo>()
    expectTypeOf<keyof HandlerTable>().toEqualTypeOf<InvokeChannel>()
  })
})

describe('renderer API', () => {
  it('maps every channel to a domain method', () => {
    expectTypeOf<keyof Api>().toEqualTypeOf<'app' | 'datasets' | 'experiments' | 'runs' | 'sessions' | 'settings' | 'sweeps' | 'on'>()
    expectTypeOf<keyof Api['sweeps']>().toEqualTypeOf<'list' | 'get' | 'comparison' | 'ablation' | 'submit' | 'cancel' | 'resubmit' | 'openRun'>()
    expectTypeOf<keyof Api['runs']>().toEqualTypeOf<'start' | 'pause' | 'resume' | 'stop' | 'sweepNow' | 'list' | 'continue'>()
    expectTypeOf<keyof Api['sessions']>().toEqualTypeOf<
      'list' | 'open' | 'samples' | 'saveUi' | 'saveAs' | 'rename' | 'delete' | 'exportCsv' | 'import' | 'openStudy'
    >()
    expectTypeOf<keyof Api['datasets']>().toEqualTypeOf<'list' | 'get' | 'split' | 'samples' | 'import' | 'download'>()
    expectTypeOf<keyof Api['settings']>().toEqualTypeOf<'get' | 'set' | 'chooseSessionsDir'>()
  })

  it('takes no argument where the channel has no payload', () => {
    expectTypeOf<Api['app']['info']>().toEqualTypeOf<() => Promise<AppInfo>>()
    expectTypeOf<Api['runs']['list']>().toEqualTypeOf<() => Promise<RunInfo[]>>()
    expectTypeOf<Api['experiments']['presets']>().toEqualTypeOf<() => Promise<ExperimentPreset[]>>()
    expectTypeOf<Api['settings']['get']>().toEqualTypeOf<() => Promise<Settings>>()
  })

  it('takes the payload and resolves the response elsewhere', () => {
    expectTypeOf<Api['runs']['sweepNow']>().parameter(0).toEqualTypeOf<{ runId: string }>()
    expectTypeOf<Api['runs']['sweepNow']>().returns.resolves.toEqualTypeOf<RunInfo>()
    expectTypeOf<Api['sessions']['open']>().returns.resolves.toEqualTypeOf<SessionData>()
    expectTypeOf<Api['sessions']['saveAs']>().returns.resolves.toEqualTypeOf<SessionSummary>()
    expectTypeOf<Api['sessions']['samples']>().returns.resolves.toEqualTypeOf<SampleState>()
    expectTypeOf<Api['datasets']['samples']>().returns.resolves.toEqualTypeOf<DatasetSamplesPage>()
    expectTypeOf<Api['experiments']['validate']>().returns.resolves.toEqualTypeOf<ConfigValidation>()
    // @ts-expect-error a run reference is required
    void ({} as Api)['runs']['pause']()
  })

  it('resolves bridge methods to outcomes instead of throwing', () => {
    expectTypeOf<PseudoscopeBridge['runs']['sweepNow']>().returns.resolves.toEqualTypeOf<IpcResult<RunInfo>>()
    expectTypeOf<PseudoscopeBridge['app']['info']>().toEqualTypeOf<() => Promise<IpcResult<AppInfo>>>()
  })
})

describe('events', () => {
  it('types each event payload and returns an unsubscribe', () => {
    expectTypeOf<EventPayload<'runs:metrics'>>().toEqualTypeOf<RunMetricsEvent>()
    expectTypeOf<EventPayload<'runs:changed'>>().toEqualTypeOf<RunInfo>()
    expectTypeOf<EventPayload<'datasets:download-progress'>>().toEqualTypeOf<DownloadProgress>()
    expectTypeOf<Api['on']>().returns.toEqualTypeOf<Unsubscribe>()
    expectTypeOf<EventChannel>().toEqualTypeOf<
      | 'runs:changed'
      | 'runs:metrics'
      | 'runs:eval'
      | 'runs:sweep'
      | 'runs:samples'
      | 'runs:log'
      | 'datasets:download-progress'
      | 'sessions:changed'
      | 'sweeps:changed'
    >()
  })
})
