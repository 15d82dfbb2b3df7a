import type { RunState } from '../../../../shared/runs'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Runs',
    empty: 'No run selected: start an experiment, or open a session from Sessions.',
    state: {
      queued: 'queued',
      starting: 'starting',
      running: 'running',
      paused: 'paused',
      stopping: 'stopping',
      finished: 'finished',
      stopped: 'stopped',
      failed: 'failed'
    } satisfies Record<RunState, string>,
    list: {
      run: 'Run',
      state: 'State',
      step: 'Step',
      backend: 'Backend',
      testAcc: 'Test acc'
    },
    controls: {
      pause: '❚❚ Pause',
      resume: '▶ Resume',
      stop: '■ Stop',
      stepsPerSec: '{n} steps/s',
      imagesPerSec: '{n} img/s',
      eta: 'ETA {time}'
    },
    summary: {
      step: 'Step',
      records: 'Records',
      plAccAll: 'PL acc (all)',
      maskRate: 'Mask rate',
      plAccMasked: 'PL acc (masked)',
      confidentWrong: 'Confident-wrong',
      testAcc: 'Test acc',
      emaTestAcc: 'EMA test acc'
    },
    toolbar: {
      smoothing: 'Smoothing',
      xAxis: 'X axis',
      step: 'Step',
      time: 'Wall clock',
      saved: 'saved',
      csv: 'CSV',
      continue: 'Continue training',
      save: 'Save',
      saveTitle: 'Save session view (Ctrl+S)'
    },
    header: '{dataset} · {algorithm} · {state}',
    notesTitle: 'Why test accuracy may trail the pseudo-labels:',
    note: {
      bn: '{steps} steps is short for BN momentum {rate} (horizon ~{horizon} steps): eval-mode test accuracy will lag the training-mode pseudo-label accuracy.',
      ema: '{steps} steps is short for EMA decay {rate} (horizon ~{horizon} steps): the EMA model will trail the raw model.',
      bnFit: 'For {steps} steps, a BN momentum of {fit} or less keeps up.',
      emaFit: 'For {steps} steps, an EMA decay of {fit} or less keeps up.',
      confidence: '{steps} steps is short for the confidence EMA momentum {rate} (horizon ~{horizon} steps): FreeMatch’s thresholds and SoftMatch’s weights stay near their start (1/C), so nearly every pseudo-label trains.',
      confidenceFit: 'For {steps} steps, a momentum of {fit} or less keeps up.'
    }
  },
  ko: {
    title: '실행',
    empty: '선택한 실행이 없습니다. 실험을 시작하거나, 세션 화면에서 세션을 여세요.',
    state: {
      queued: '대기 중',
      starting: '시작 중',
      running: '실행 중',
      paused: '일시 정지',
      stopping: '멈추는 중',
      finished: '완료',
      stopped: '중지됨',
      failed: '실패'
    },
    list: {
      run: '실행',
      state: '상태',
      step: '스텝',
      backend: '백엔드',
      testAcc: '테스트 정확도'
    },
    controls: {
      pause: '❚❚ 일시 정지',
      resume: '▶ 재개',
      stop: '■ 중지',
      stepsPerSec: '초당 {n}스텝',
      imagesPerSec: '초당 이미지 {n}장',
      eta: '남은 시간 {time}'
    },
    summary: {
      step: '스텝',
      records: '기록 수',
      plAccAll: '의사 레이블 정확도 (전체)',
      maskRate: '마스크 비율',
      plAccMasked: '의사 레이블 정확도 (마스크 통과)',
      confidentWrong: '확신 오답',
      testAcc: '테스트 정확도',
      emaTestAcc: 'EMA 테스트 정확도'
    },
    toolbar: {
      smoothing: '스무딩',
      xAxis: 'X축',
      step: '스텝',
      time: '경과 시간',
      saved: '저장됨',
      csv: 'CSV',
      continue: '이어서 학습',
      save: '저장',
      saveTitle: '세션 화면 저장 (Ctrl+S)'
    },
    header: '{dataset} · {algorithm} · {state}',
    notesTitle: '테스트 정확도가 의사 레이블 정확도보다 낮을 수 있는 이유:',
    note: {
      bn: '{steps}스텝은 BN 모멘텀 {rate}(반영 범위 약 {horizon}스텝)에 비해 짧습니다. 평가 모드의 테스트 정확도가 학습 모드의 의사 레이블 정확도를 따라가지 못합니다.',
      ema: '{steps}스텝은 EMA 감쇠율 {rate}(반영 범위 약 {horizon}스텝)에 비해 짧습니다. EMA 모델이 원본 모델보다 뒤처집니다.',
      bnFit: '{steps}스텝이라면 BN 모멘텀을 {fit} 이하로 두어야 따라잡습니다.',
      emaFit: '{steps}스텝이라면 EMA 감쇠율을 {fit} 이하로 두어야 따라잡습니다.',
      confidence: '{steps}스텝은 신뢰도 EMA 모멘텀 {rate}(반영 범위 약 {horizon}스텝)에 비해 짧습니다. FreeMatch의 임계값과 SoftMatch의 가중치가 시작값(1/C) 근처에 머물러 거의 모든 의사 레이블이 학습에 쓰입니다.',
      confidenceFit: '{steps}스텝이라면 모멘텀을 {fit} 이하로 두어야 따라잡습니다.'
    }
  }
})
