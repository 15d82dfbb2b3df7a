// The Sweeps view: building a sweep, following its runs, comparing the grid.
import type { SweepRunState } from '../../../../shared/sweep-manifest'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Sweeps',
    newSweep: 'New sweep',
    baseNote: 'Every run starts from the config in the Experiments form ({name}); the grid varies these fields:',
    name: 'Sweep name',
    nameHint: 'letters, digits, ".", "_" and "-"',
    field: 'Field',
    values: 'Values (comma-separated)',
    addField: 'Add field',
    remove: 'Remove',
    runsCount: 'no runs | 1 run | {n} runs',
    executor: 'Executor',
    local: 'This machine (the run queue: {n} at a time)',
    slurm: 'Slurm',
    slurmOption: {
      partition: 'Partition',
      time: 'Time limit',
      cpusPerTask: 'CPUs per task',
      gres: 'GRES (e.g. gpu:1)',
      account: 'Account',
      extraArgs: 'More sbatch arguments (one per line)',
      remoteProjectDir: 'Project folder on the nodes',
      ssh: "ssh user{'@'}host (empty: Slurm on this machine)"
    },
    submit: 'Submit sweep',
    list: 'Sweeps',
    empty: 'No sweeps yet: build one above, or run npm run sweep.',
    followedBy: 'Followed by {who}: shown read-only.',
    readOnlyTag: 'read-only',
    unreadable: 'cannot be opened: {error}',
    readOnlyOptions: 'Shown read-only, never polled or resubmitted: its sweep.json asks for cluster options off the allow-list ({reason}). If you trust them, continue it from a terminal with npm run sweep -- --resume, typing the options again.',
    eta: 'ETA {time} for the runs left',
    cancelAll: 'Cancel all',
    resubmit: 'Resubmit unfinished',
    open: 'Open',
    cancel: 'Cancel',
    col: {
      run: 'Run',
      state: 'State',
      job: 'Job',
      exit: 'Exit',
      step: 'Step',
      plAccAll: 'plAccAll',
      maskRate: 'Mask rate',
      testAcc: 'Test acc (EMA)'
    },
    compare: 'Compare the grid',
    compareNote: 'Mean ± std over seeds; plAccAll and mask rate over the last 50 steps.',
    point: 'Grid point',
    runs: 'Runs',
    curve: {
      testAcc: 'Test accuracy (EMA)',
      plAccAll: 'Pseudo-label accuracy (all)',
      maskRate: 'Mask rate'
    },
    state: {
      pending: 'pending',
      queued: 'queued',
      running: 'running',
      finished: 'finished',
      failed: 'failed',
      stopped: 'stopped',
      cancelled: 'cancelled',
      timeout: 'timed out',
      'node-fail': 'node failed',
      lost: 'lost'
    } satisfies Record<SweepRunState, string>,
    gridError: {
      noField: 'not a config field',
      duplicate: 'this field is already in the grid',
      empty: 'give at least one value',
      number: "'{value}' is not a number of the right kind",
      bool: "'{value}' is not true or false",
      option: "'{value}' is not one of the choices"
    }
  },
  ko: {
    title: '스윕',
    newSweep: '새 스윕',
    baseNote: '모든 실행은 실험 양식의 설정({name})에서 시작하며, 그리드는 다음 필드를 바꿉니다:',
    name: '스윕 이름',
    nameHint: '영문자, 숫자, ".", "_", "-"',
    field: '필드',
    values: '값 (쉼표로 구분)',
    addField: '필드 추가',
    remove: '삭제',
    runsCount: '실행 없음 | 실행 1개 | 실행 {n}개',
    executor: '실행 위치',
    local: '이 컴퓨터 (실행 대기열: 동시에 {n}개)',
    slurm: 'Slurm',
    slurmOption: {
      partition: '파티션',
      time: '시간 제한',
      cpusPerTask: '작업당 CPU',
      gres: 'GRES (예: gpu:1)',
      account: '계정',
      extraArgs: '추가 sbatch 인자 (한 줄에 하나)',
      remoteProjectDir: '노드의 프로젝트 폴더',
      ssh: "ssh 사용자{'@'}호스트 (비우면 이 컴퓨터의 Slurm)"
    },
    submit: '스윕 제출',
    list: '스윕 목록',
    empty: '아직 스윕이 없습니다. 위에서 만들거나 npm run sweep을 실행하세요.',
    followedBy: '{who}이(가) 추적 중이라 읽기 전용으로 표시합니다.',
    readOnlyTag: '읽기 전용',
    unreadable: '열 수 없습니다: {error}',
    readOnlyOptions: '이 스윕의 sweep.json에 허용 목록에 없는 클러스터 옵션이 있어 읽기 전용으로 표시하며, 상태 조회나 다시 제출도 하지 않습니다 ({reason}). 이 옵션을 신뢰한다면 터미널에서 옵션을 직접 다시 입력해 npm run sweep -- --resume으로 이어서 실행하세요.',
    eta: '남은 실행 예상 시간 {time}',
    cancelAll: '모두 취소',
    resubmit: '미완료 다시 제출',
    open: '열기',
    cancel: '취소',
    col: {
      run: '실행',
      state: '상태',
      job: '작업',
      exit: '종료 코드',
      step: '스텝',
      plAccAll: 'plAccAll',
      maskRate: '마스크 비율',
      testAcc: '테스트 정확도 (EMA)'
    },
    compare: '그리드 비교',
    compareNote: '시드에 대한 평균 ± 표준편차. plAccAll과 마스크 비율은 마지막 50스텝 기준입니다.',
    point: '그리드 지점',
    runs: '실행 수',
    curve: {
      testAcc: '테스트 정확도 (EMA)',
      plAccAll: '의사 레이블 정확도 (전체)',
      maskRate: '마스크 비율'
    },
    state: {
      pending: '대기 전',
      queued: '대기 중',
      running: '실행 중',
      finished: '완료',
      failed: '실패',
      stopped: '중지됨',
      cancelled: '취소됨',
      timeout: '시간 초과',
      'node-fail': '노드 장애',
      lost: '사라짐'
    },
    gridError: {
      noField: '설정 필드가 아닙니다',
      duplicate: '이미 그리드에 있는 필드입니다',
      empty: '값을 하나 이상 입력하세요',
      number: "'{value}'은(는) 올바른 종류의 숫자가 아닙니다",
      bool: "'{value}'은(는) true 또는 false가 아닙니다",
      option: "'{value}'은(는) 선택지에 없습니다"
    }
  }
})
