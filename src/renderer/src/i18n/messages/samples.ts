import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Pseudo-labels',
    summary: 'step {step} · seen {seen} · correct {correct}',
    summaryWrong: '✗ {n} wrong',
    summaryConfidentWrong: '{n} confident-wrong',
    noSession: 'No session selected: pick one above, start a run, or open a session.',
    snapshot: 'Snapshot',
    snapshotStep: 'step {step}',
    snapshotLatest: 'step {step} (latest)',
    hintMove: 'move',
    hintDetails: 'details',
    hintClose: 'close',
    filters: {
      label: 'Filters',
      wrongOnly: 'Wrong only',
      confidentWrong: 'Confident-wrong (≥ {threshold})',
      confidentWrongTitle: 'wrong and confidence ≥ {threshold}: masked, so trained on',
      trueClass: 'True',
      pseudoClass: 'Pseudo',
      any: 'any',
      confidence: 'Confidence',
      flips: 'Flips ≥',
      sort: 'Sort',
      reset: 'Reset',
      count: '{shown} of {total}'
    },
    sort: {
      index: 'Index',
      'confidence-desc': 'Confidence (high first)',
      'confidence-asc': 'Confidence (low first)',
      'flips-desc': 'Flips (most first)'
    },
    tile: {
      aria: 'pseudo-label {pseudo}, true label {truth}, {state}',
      none: 'none',
      notSeen: 'not yet seen',
      correct: 'correct',
      wrong: 'wrong',
      confidentWrong: 'confident and wrong: trained on as a lie',
      pseudoTitle: 'pseudo-label {label}',
      pseudoNone: 'pseudo-label: none yet',
      trueTitle: 'true label {label}',
      truth: 'true {label}'
    },
    grid: {
      label: 'Unlabeled samples',
      empty: 'No sample matches these filters.',
      imageAlt: 'train image {index}'
    },
    detail: {
      label: 'Sample detail',
      title: 'Sample #{index}',
      close: 'Close detail (Escape)',
      pseudo: 'Pseudo-label',
      correct: '✓ correct',
      wrong: '✗ wrong',
      truth: 'True label',
      confidence: 'Confidence',
      seen: 'Seen',
      notSeen: 'not yet seen in a training batch',
      seenTimes: '{n}× in training batches, last at step {step}',
      masked: 'Masked',
      maskedTimes: '{n}× ({wrong} wrong)',
      flips: 'Flips',
      history: 'Pseudo-label history',
      historySource:
        'Each snapshot labels every unlabeled image in a full sweep: the clean image, BatchNorm in eval mode, the EMA weights when EMA is on. Training batches label augmented views instead, so the two can disagree.',
      step: 'Step',
      pseudoShort: 'Pseudo',
      confShort: 'Conf.',
      noSnapshots: 'No snapshots yet.'
    }
  },
  ko: {
    title: '의사 레이블',
    summary: '스텝 {step} · 본 샘플 {seen} · 정답률 {correct}',
    summaryWrong: '✗ 오답 {n}',
    summaryConfidentWrong: '확신 오답 {n}',
    noSession: '선택한 세션이 없습니다. 위에서 고르거나, 실행을 시작하거나, 세션을 여세요.',
    snapshot: '스냅샷',
    snapshotStep: '스텝 {step}',
    snapshotLatest: '스텝 {step} (최신)',
    hintMove: '이동',
    hintDetails: '자세히',
    hintClose: '닫기',
    filters: {
      label: '필터',
      wrongOnly: '오답만',
      confidentWrong: '확신 오답 (≥ {threshold})',
      confidentWrongTitle: '틀렸는데 신뢰도가 {threshold} 이상: 마스크를 통과해 학습에 쓰임',
      trueClass: '정답',
      pseudoClass: '의사 레이블',
      any: '전체',
      confidence: '신뢰도',
      flips: '뒤바뀜 ≥',
      sort: '정렬',
      reset: '초기화',
      count: '{total}개 중 {shown}개'
    },
    sort: {
      index: '번호순',
      'confidence-desc': '신뢰도 높은 순',
      'confidence-asc': '신뢰도 낮은 순',
      'flips-desc': '뒤바뀜 많은 순'
    },
    tile: {
      aria: '의사 레이블 {pseudo}, 정답 {truth}, {state}',
      none: '없음',
      notSeen: '아직 안 봄',
      correct: '정답',
      wrong: '오답',
      confidentWrong: '확신 오답: 틀린 레이블로 학습됨',
      pseudoTitle: '의사 레이블 {label}',
      pseudoNone: '의사 레이블: 아직 없음',
      trueTitle: '정답 레이블 {label}',
      truth: '정답 {label}'
    },
    grid: {
      label: '레이블 없는 샘플',
      empty: '이 필터에 맞는 샘플이 없습니다.',
      imageAlt: '학습 이미지 {index}'
    },
    detail: {
      label: '샘플 자세히',
      title: '샘플 #{index}',
      close: '닫기 (Esc)',
      pseudo: '의사 레이블',
      correct: '✓ 정답',
      wrong: '✗ 오답',
      truth: '정답 레이블',
      confidence: '신뢰도',
      seen: '학습 배치',
      notSeen: '아직 학습 배치에 나오지 않음',
      seenTimes: '학습 배치에 {n}번, 마지막은 스텝 {step}',
      masked: '마스크 통과',
      maskedTimes: '{n}번 (오답 {wrong}번)',
      flips: '뒤바뀜',
      history: '의사 레이블 이력',
      historySource:
        '스냅샷마다 레이블 없는 이미지 전체를 한 번씩 훑어 레이블을 매깁니다. 증강 없는 원본 이미지에, BatchNorm은 평가 모드로, EMA를 켰다면 EMA 가중치로 계산합니다. 학습 배치는 증강한 이미지로 레이블을 매기므로 두 결과가 다를 수 있습니다.',
      step: '스텝',
      pseudoShort: '의사 레이블',
      confShort: '신뢰도',
      noSnapshots: '아직 스냅샷이 없습니다.'
    }
  }
})
