// The frame around the views: the navigation rail and the status bar.
import type { ViewName } from '../../lib/views'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    views: 'Views',
    view: {
      datasets: 'Datasets',
      experiments: 'Experiments',
      runs: 'Runs',
      samples: 'Samples',
      sessions: 'Sessions',
      sweeps: 'Sweeps',
      settings: 'Settings'
    } satisfies Record<ViewName, string>,
    viewTitle: '{view} (Alt+{n})',
    backendProbing: 'Backend: probing…',
    backendUnknown: 'Backend: unknown',
    backendNone: 'Backend: none available',
    backend: 'Backend: {label}',
    activeRuns: 'no active runs | 1 active run | {n} active runs',
    settingsWarning: 'settings: {warning}',
    backendText: {
      threads: '1 thread | {n} threads',
      onednn: 'convolutions on oneDNN {version}',
      vendor: 'vendor',
      architecture: 'architecture',
      description: 'description',
      software: 'software adapter: a correctness path, not a speed path'
    }
  },
  ko: {
    views: '화면',
    view: {
      datasets: '데이터셋',
      experiments: '실험',
      runs: '실행',
      samples: '샘플',
      sessions: '세션',
      sweeps: '스윕',
      settings: '설정'
    },
    viewTitle: '{view} (Alt+{n})',
    backendProbing: '백엔드: 확인 중…',
    backendUnknown: '백엔드: 알 수 없음',
    backendNone: '백엔드: 쓸 수 있는 것 없음',
    backend: '백엔드: {label}',
    activeRuns: '진행 중인 실행 {n}개',
    settingsWarning: '설정: {warning}',
    backendText: {
      threads: '스레드 {n}개',
      onednn: '합성곱은 oneDNN {version}',
      vendor: '제조사',
      architecture: '아키텍처',
      description: '설명',
      software: '소프트웨어 어댑터: 정확성 확인용이며 속도용이 아님'
    }
  }
})
