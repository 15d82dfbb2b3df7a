// Oracle ablations (issue 27): the oracle tag, the "What do wrong pseudo-labels cost?" action
// and the study view (modes' bands, the cost chart, per class, the table, the verdict).
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    oracle: 'oracle',
    oracleTitle: 'An oracle ablation ({mode}): this run trained with the hidden true labels of the unlabeled data. A diagnostic experiment, not a method.',
    action: {
      start: 'What do wrong pseudo-labels cost?',
      starting: 'Submitting the study…',
      title: 'Runs this config as configured (none), with its wrong pseudo-labels dropped (oracle-mask) and corrected (oracle-correct), on the same split and seeds, as one sweep; the Sweeps view then shows what the wrong ones cost.',
      seeds: 'Training seeds per mode',
      executor: 'Run on',
      local: 'this machine',
      slurm: 'Slurm (the settings’ options)',
      seedsHint: '3 modes × {seeds} seeds: {runs} runs',
      firstEpoch: 'Over the paper run’s first epoch: {steps} steps per run (constant lr 0.03, as the first epoch of the cosine is), evaluated every 64 steps, checkpointed to resume.',
      refused: 'The study needs pseudo-labels to edit: choose an SSL algorithm.'
    },
    title: 'What do wrong pseudo-labels cost?',
    loading: 'Reading the runs…',
    progress: '{measured} of {runs} runs have evaluated so far; the figures cover those.',
    mode: {
      none: 'none (as configured)',
      'oracle-mask': 'oracle-mask (oracle)',
      'oracle-correct': 'oracle-correct (oracle)',
      'oracle-all': 'oracle-all (oracle)',
      noise: 'noise (oracle)'
    },
    meaning: {
      none: 'trained as configured',
      'oracle-mask': 'wrong pseudo-labels that pass are dropped',
      'oracle-correct': 'wrong pseudo-labels that pass are replaced by the true label',
      'oracle-all': 'every unlabeled sample trains on its true label',
      noise: 'a share of the pseudo-labels that pass is flipped'
    },
    rankedBy: {
      emaTestAcc: 'EMA test accuracy',
      testAcc: 'test accuracy'
    },
    bands: {
      title: 'Test accuracy per mode: mean ± std over seeds',
      hint: 'Line: the mean over seeds; band: ± one standard deviation. Dashed: the oracles.'
    },
    cost: {
      title: 'The cost of wrong pseudo-labels over steps',
      hint: 'accuracy(oracle-mask) − accuracy(none), paired by seed, in points, with its {level} interval (band); above 0, the wrong pseudo-labels cost accuracy. Right axes: the normal run’s confident-wrong count per step (weight on wrong pseudo-labels that pass) and its per-batch pseudo-label accuracy (plAccAll).'
    },
    chart: {
      step: 'Step',
      stepN: 'Step {step}',
      cost: 'Cost of wrong pseudo-labels (points)',
      confidentWrong: 'Confident-wrong pseudo-labels (none)',
      plAccAll: 'Pseudo-label accuracy per batch, plAccAll (none)',
      costAxis: 'points',
      wrongAxis: 'count'
    },
    classes: {
      title: 'Which classes lose most',
      hint: 'Per class, accuracy(oracle-mask) − accuracy(none) at the end, mean over seeds, in points.',
      costliest: 'Costliest: {list}.',
      none: 'No class lost accuracy to its wrong pseudo-labels.',
      confusion: 'Confident-wrong pseudo-labels of the normal run (none)',
      confusionHint: 'At its last full sweep, mean over seeds: rows are the true class, columns the pseudo-label that passed.',
      noConfusion: 'No full sweep of the normal run yet.',
      noneWrong: 'No wrong pseudo-label passed at that sweep.'
    },
    table: {
      title: 'Final figures per mode, mean ± std over seeds',
      mode: 'Mode',
      seeds: 'Seeds',
      testAcc: 'Test accuracy',
      emaTestAcc: 'EMA test accuracy',
      cost: 'Difference from none (points, {level} interval)'
    },
    verdict: {
      title: 'What this says',
      measured: 'Measured: the same runs on {seeds} training seeds (same split, seed, feed order and augmentation), once as configured and once with the hidden true labels editing the pseudo-labels that pass; compared by {by}, paired by seed, with a {level} t interval.',
      waiting: 'No seed has both a normal and an oracle-mask run evaluated yet.',
      costs: 'At step {step}, dropping the wrong pseudo-labels raises accuracy by {points} points ({level} interval {low} to {high}, {n} seeds): the wrong pseudo-labels cost accuracy, and the seeds tell it apart from no cost.',
      helps: 'At step {step}, dropping the wrong pseudo-labels changes accuracy by {points} points ({level} interval {low} to {high}, {n} seeds): here the wrong pseudo-labels did not cost accuracy; training did better with them.',
      unsure: 'At step {step}, dropping the wrong pseudo-labels changes accuracy by {points} points, but the {level} interval ({low} to {high}, {n} seeds) includes 0: these seeds cannot tell whether the wrong pseudo-labels cost anything. More seeds or steps would narrow it.',
      nothingWrong: 'No wrong pseudo-label passed in the normal runs, so the oracles had nothing to edit.',
      same: 'At step {step}, the oracle-mask runs end exactly where the normal runs do on all {n} seeds: the wrong pseudo-labels cost nothing measurable here.',
      oneSeed: 'At step {step}, dropping the wrong pseudo-labels changes accuracy by {points} points on {n} seed: one seed gives no interval, so this says nothing yet about how sure it is.',
      correct: 'Correcting them instead (oracle-correct) changes accuracy by {interval} points.'
    }
  },
  ko: {
    oracle: '오라클',
    oracleTitle: '오라클 절제 실험({mode}): 이 실행은 레이블 없는 데이터의 숨겨진 정답 레이블을 써서 학습했습니다. 방법이 아니라 진단용 실험입니다.',
    action: {
      start: '잘못된 의사 레이블은 얼마나 손해일까?',
      starting: '연구를 제출하는 중…',
      title: '이 설정을 그대로(none), 잘못된 의사 레이블을 빼고(oracle-mask), 바로잡아서(oracle-correct) 같은 분할과 시드로 한 스윕에서 학습합니다. 그다음 스윕 화면에서 잘못된 의사 레이블이 치른 비용을 보여 줍니다.',
      seeds: '모드별 학습 시드 수',
      executor: '실행 위치',
      local: '이 컴퓨터',
      slurm: 'Slurm (설정의 옵션)',
      seedsHint: '모드 3개 × 시드 {seeds}개: 실행 {runs}개',
      firstEpoch: '논문 실행의 첫 에폭만 학습합니다: 실행마다 {steps} 스텝 (코사인의 첫 에폭처럼 학습률 0.03 고정), 64 스텝마다 평가, 이어서 학습할 수 있게 체크포인트 저장.',
      refused: '이 연구에는 고칠 의사 레이블이 있어야 합니다. SSL 알고리즘을 고르세요.'
    },
    title: '잘못된 의사 레이블은 얼마나 손해일까?',
    loading: '실행 결과를 읽는 중…',
    progress: '실행 {runs}개 중 {measured}개가 평가되었습니다. 아래 수치는 그 실행들만 반영합니다.',
    mode: {
      none: 'none (설정 그대로)',
      'oracle-mask': 'oracle-mask (오라클)',
      'oracle-correct': 'oracle-correct (오라클)',
      'oracle-all': 'oracle-all (오라클)',
      noise: 'noise (오라클)'
    },
    meaning: {
      none: '설정대로 학습',
      'oracle-mask': '통과한 잘못된 의사 레이블을 뺌',
      'oracle-correct': '통과한 잘못된 의사 레이블을 정답으로 바꿈',
      'oracle-all': '레이블 없는 모든 샘플을 정답으로 학습',
      noise: '통과한 의사 레이블 일부를 뒤바꿈'
    },
    rankedBy: {
      emaTestAcc: 'EMA 테스트 정확도',
      testAcc: '테스트 정확도'
    },
    bands: {
      title: '모드별 테스트 정확도: 시드 평균 ± 표준편차',
      hint: '선은 시드 평균, 띠는 ± 1 표준편차입니다. 점선은 오라클입니다.'
    },
    cost: {
      title: '스텝별 잘못된 의사 레이블의 비용',
      hint: '시드별로 짝지은 정확도(oracle-mask) − 정확도(none)를 %p로, {level} 구간(띠)과 함께 보여 줍니다. 0보다 크면 잘못된 의사 레이블이 정확도를 깎은 것입니다. 오른쪽 축: 일반 실행(none)에서 스텝마다 통과한 잘못된 의사 레이블 수(가중치 합)와 배치별 의사 레이블 정확도(plAccAll).'
    },
    chart: {
      step: '스텝',
      stepN: '스텝 {step}',
      cost: '잘못된 의사 레이블의 비용 (%p)',
      confidentWrong: '통과한 잘못된 의사 레이블 (none)',
      plAccAll: '배치별 의사 레이블 정확도, plAccAll (none)',
      costAxis: '%p',
      wrongAxis: '개수'
    },
    classes: {
      title: '손해가 가장 큰 클래스',
      hint: '클래스별 마지막 정확도(oracle-mask) − 정확도(none)의 시드 평균 (%p).',
      costliest: '손해가 큰 순서: {list}.',
      none: '잘못된 의사 레이블 때문에 정확도가 떨어진 클래스가 없습니다.',
      confusion: '일반 실행(none)에서 통과한 잘못된 의사 레이블',
      confusionHint: '마지막 전체 스윕의 시드 평균입니다. 행은 정답 클래스, 열은 통과한 의사 레이블입니다.',
      noConfusion: '일반 실행의 전체 스윕이 아직 없습니다.',
      noneWrong: '그 스윕에서는 통과한 잘못된 의사 레이블이 없습니다.'
    },
    table: {
      title: '모드별 최종 수치 (시드 평균 ± 표준편차)',
      mode: '모드',
      seeds: '시드',
      testAcc: '테스트 정확도',
      emaTestAcc: 'EMA 테스트 정확도',
      cost: 'none과의 차이 (%p, {level} 구간)'
    },
    verdict: {
      title: '해석',
      measured: '측정한 것: 학습 시드 {seeds}개에서 분할, 시드, 데이터 순서, 증강을 모두 같게 두고, 설정 그대로 한 번, 숨겨진 정답 레이블로 통과한 의사 레이블을 고쳐서 한 번 학습했습니다. {by}를 시드별로 짝지어 비교하고 {level} t 구간을 구했습니다.',
      waiting: '일반 실행과 oracle-mask 실행이 둘 다 평가된 시드가 아직 없습니다.',
      costs: '스텝 {step}에서 잘못된 의사 레이블을 빼면 정확도가 {points}%p 오릅니다 ({level} 구간 {low} ~ {high}, 시드 {n}개). 잘못된 의사 레이블이 정확도를 깎았고, 이 시드들로 비용이 없는 경우와 구별됩니다.',
      helps: '스텝 {step}에서 잘못된 의사 레이블을 빼면 정확도가 {points}%p 달라집니다 ({level} 구간 {low} ~ {high}, 시드 {n}개). 여기서는 잘못된 의사 레이블이 손해가 아니었고, 오히려 있을 때 학습이 더 잘 되었습니다.',
      unsure: '스텝 {step}에서 잘못된 의사 레이블을 빼면 정확도가 {points}%p 달라지지만, {level} 구간({low} ~ {high}, 시드 {n}개)에 0이 들어 있습니다. 이 시드들로는 잘못된 의사 레이블이 손해인지 알 수 없습니다. 시드나 스텝을 늘리면 구간이 좁아집니다.',
      nothingWrong: '일반 실행에서 통과한 잘못된 의사 레이블이 없어, 오라클이 고칠 것이 없었습니다.',
      same: '스텝 {step}에서 oracle-mask 실행이 시드 {n}개 모두 일반 실행과 정확히 같은 값으로 끝납니다. 여기서는 잘못된 의사 레이블의 비용이 드러나지 않습니다.',
      oneSeed: '스텝 {step}에서 잘못된 의사 레이블을 빼면 정확도가 시드 {n}개에서 {points}%p 달라집니다. 시드가 하나면 구간을 구할 수 없어, 얼마나 확실한지는 아직 알 수 없습니다.',
      correct: '대신 바로잡으면(oracle-correct) 정확도가 {interval}%p 달라집니다.'
    }
  }
})
