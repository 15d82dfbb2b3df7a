import type { SessionStatus } from '../../../../shared/sessions'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Sessions',
    import: 'Import folder…',
    openStudy: 'Open study folder…',
    openStudyTitle: 'A folder written by npm run experiment -- --ablation-study: its runs read as one study',
    closeStudy: 'Close study',
    refresh: 'Refresh',
    empty: 'No sessions yet. Start an experiment, or import a session folder written by the CLI.',
    pickTitle: 'Pick to compare',
    name: 'Name',
    dataset: 'Dataset',
    algorithm: 'Algorithm',
    status: 'Status',
    steps: 'Steps',
    bestAcc: 'Best acc',
    updated: 'Updated',
    compare: 'Compare',
    compareHint: 'Tick sessions above to overlay their metrics.',
    renamed: 'Renamed to {name}',
    copied: 'Saved a copy as {name}',
    exported: 'Exported to {path}',
    deleted: 'Deleted {name}',
    imported: 'Imported {name}',
    statusName: {
      created: 'created',
      running: 'running',
      paused: 'paused',
      stopped: 'stopped',
      finished: 'finished',
      failed: 'failed'
    } satisfies Record<SessionStatus, string>,
    row: {
      compareAria: 'compare {name}',
      newName: 'New name',
      copyName: 'Name of the copy',
      copySuffix: '{name} copy',
      rename: 'Rename',
      duplicate: 'Duplicate',
      csv: 'CSV',
      continue: 'Continue',
      delete: 'Delete',
      confirm: 'Confirm?'
    },
    recent: {
      title: 'Recent sessions',
      line: '{dataset} · {status} · best {best} · {date}'
    },
    picker: 'Session',
    compareView: {
      metric: 'Metric',
      smoothing: 'Smoothing',
      title: 'Compare: {metric}'
    }
  },
  ko: {
    title: '세션',
    import: '폴더 가져오기…',
    openStudy: '연구 폴더 열기…',
    openStudyTitle: 'npm run experiment -- --ablation-study가 만든 폴더: 그 안의 실행들을 하나의 연구로 읽습니다',
    closeStudy: '연구 닫기',
    refresh: '새로 고침',
    empty: '아직 세션이 없습니다. 실험을 시작하거나, CLI가 만든 세션 폴더를 가져오세요.',
    pickTitle: '비교할 세션 선택',
    name: '이름',
    dataset: '데이터셋',
    algorithm: '알고리즘',
    status: '상태',
    steps: '스텝',
    bestAcc: '최고 정확도',
    updated: '수정 시각',
    compare: '비교',
    compareHint: '위에서 세션을 체크하면 지표를 겹쳐 볼 수 있습니다.',
    renamed: '이름을 {name}(으)로 바꿨습니다',
    copied: '{name}(으)로 사본을 저장했습니다',
    exported: '{path}에 내보냈습니다',
    deleted: '{name}을(를) 삭제했습니다',
    imported: '{name}을(를) 가져왔습니다',
    statusName: {
      created: '생성됨',
      running: '실행 중',
      paused: '일시 정지',
      stopped: '중지됨',
      finished: '완료',
      failed: '실패'
    },
    row: {
      compareAria: '{name} 비교',
      newName: '새 이름',
      copyName: '사본 이름',
      copySuffix: '{name} 사본',
      rename: '이름 바꾸기',
      duplicate: '복제',
      csv: 'CSV',
      continue: '이어서 학습',
      delete: '삭제',
      confirm: '정말 삭제?'
    },
    recent: {
      title: '최근 세션',
      line: '{dataset} · {status} · 최고 {best} · {date}'
    },
    picker: '세션',
    compareView: {
      metric: '지표',
      smoothing: '스무딩',
      title: '비교: {metric}'
    }
  }
})
