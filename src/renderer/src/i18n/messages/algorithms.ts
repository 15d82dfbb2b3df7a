// The algorithm suite: rules (shared/pseudo-label-rule), per-class thresholds over time, the
// quantity-quality plot of a comparison, and the paper-recipe notes of the form.
import { ALGORITHM_TITLES_BY_LANGUAGE } from '../../../../shared/algorithms/registry'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    name: { ...ALGORITHM_TITLES_BY_LANGUAGE.en },
    meanWeight: 'Mean weight',
    maskRateOrWeight: 'Mask rate / mean weight',
    weightOnWrong: 'Weight on wrong labels',
    rule: {
      threshold: 'confidence ≥ {threshold}',
      classThresholds: 'per-class thresholds',
      weights: 'SoftMatch weights (full weight at confidence ≥ {mean})',
      softLoss: 'Dash: e^(−loss against its soft target) ≥ {threshold}',
      noMask: 'no mask, every target trains'
    },
    ruleNote: 'Confident-wrong and the confident marker follow this run’s rule: {rule}.',
    softTargetNote: 'This run trains on soft targets: each pseudo-label is the target’s most likely class, and confident-wrong follows the run’s own mask: {rule}.',
    confidentWrongRule: 'Confident-wrong (by the run’s rule)',
    confidentWrongTitle: 'wrong and counted by the rule ({rule}): trained on',
    thresholds: {
      title: 'Per-class thresholds',
      axis: 'Threshold'
    },
    qq: {
      title: 'Pseudo-label quantity vs quality',
      hint: 'Each point is one step; later steps are drawn larger. | Each point is a window of {n} steps; later windows are drawn larger.',
      used: 'Share used (mask rate / mean weight)',
      accuracy: 'Accuracy of the used pseudo-labels',
      tooltip: '{name}, step {step}: {used} used, {accuracy} right'
    },
    comparison: {
      queued: 'Queued {n} runs on the same split and seed: {names}.'
    },
    recipe: {
      arch: '{dataset} in the FixMatch paper uses {paper}; this config has {value}. The preset “{preset}” sets the paper’s model and weight decay.',
      weightDecay: '{dataset} in the FixMatch paper uses weight decay {paper}; this config has {value}. The preset “{preset}” sets the paper’s model and weight decay.'
    }
  },
  ko: {
    name: { ...ALGORITHM_TITLES_BY_LANGUAGE.ko },
    meanWeight: '평균 가중치',
    maskRateOrWeight: '마스크 비율 / 평균 가중치',
    weightOnWrong: '틀린 레이블에 실린 가중치',
    rule: {
      threshold: '신뢰도 ≥ {threshold}',
      classThresholds: '클래스별 임계값',
      weights: 'SoftMatch 가중치 (신뢰도 ≥ {mean}이면 가중치 1)',
      softLoss: 'Dash: e^(−소프트 타깃에 대한 손실) ≥ {threshold}',
      noMask: '마스크 없음, 모든 타깃이 학습에 쓰임'
    },
    ruleNote: '확신 오답과 확신 표시는 이 실행의 규칙을 따릅니다: {rule}.',
    softTargetNote: '이 실행은 소프트 타깃으로 학습합니다. 의사 레이블은 타깃에서 가장 확률이 높은 클래스이고, 확신 오답은 이 실행의 마스크를 따릅니다: {rule}.',
    confidentWrongRule: '확신 오답 (실행 규칙 기준)',
    confidentWrongTitle: '틀렸는데 규칙({rule})을 통과: 학습에 쓰임',
    thresholds: {
      title: '클래스별 임계값',
      axis: '임계값'
    },
    qq: {
      title: '의사 레이블의 양과 질',
      hint: '점 하나는 한 스텝입니다. 나중 스텝일수록 크게 그립니다. | 점 하나는 {n}스텝 구간입니다. 나중 구간일수록 크게 그립니다.',
      used: '사용 비율 (마스크 비율 / 평균 가중치)',
      accuracy: '사용된 의사 레이블의 정확도',
      tooltip: '{name}, {step}스텝: {used} 사용, {accuracy} 정답'
    },
    comparison: {
      queued: '같은 분할과 시드로 실행 {n}개를 대기열에 넣었습니다: {names}.'
    },
    recipe: {
      arch: 'FixMatch 논문은 {dataset}에 {paper}를 씁니다. 이 설정은 {value}입니다. “{preset}” 프리셋이 논문의 모델과 가중치 감쇠를 설정합니다.',
      weightDecay: 'FixMatch 논문은 {dataset}에 가중치 감쇠 {paper}를 씁니다. 이 설정은 {value}입니다. “{preset}” 프리셋이 논문의 모델과 가중치 감쇠를 설정합니다.'
    }
  }
})
