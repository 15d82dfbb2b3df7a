// The algorithm comparison over seeds (an algorithm-comparison sweep): bands, table, pairs.
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Algorithm comparison',
    seeds: 'Training seeds per algorithm',
    seedsHint: 'same split for every run: {runs} runs',
    progress: '{measured} of {runs} runs have measured something so far; the figures cover those.',
    loading: 'Reading the runs…',
    bands: {
      title: 'Test accuracy over steps: mean ± std over seeds',
      hint: 'Line: the mean over seeds (EMA model where evaluated); band: ± one standard deviation. Dashed: the two bounds.',
      x: 'Step',
      step: 'Step {step}'
    },
    table: {
      title: 'Final figures, mean ± std over seeds',
      algorithm: 'Algorithm',
      seeds: 'Seeds',
      steps: 'Steps',
      testAcc: 'Test accuracy',
      emaTestAcc: 'EMA test accuracy',
      maskRate: 'Pseudo-label quantity (mask rate)',
      plAccMasked: 'Pseudo-label quality (masked accuracy)',
      stepsToTarget: 'Steps to {target}',
      collapsed: 'Collapsed seeds'
    },
    kind: {
      bound: 'lower bound',
      oracle: 'oracle: every label'
    },
    reached: '{steps} ({reached} of {n} reached it)',
    pairs: {
      title: 'Which differences the seeds can tell apart (Welch’s t on {by})',
      pair: 'Pair',
      difference: 'Difference (points)',
      t: 'Welch t',
      df: 'df',
      p: 'p',
      verdict: 'In words'
    },
    rankedBy: {
      emaTestAcc: 'the EMA test accuracy',
      testAcc: 'the test accuracy'
    },
    verdict: {
      headline: 'At p < {alpha}, the seeds tell {apart} of {total} pairs apart and cannot tell {together} apart.',
      headlineUntested: 'At p < {alpha}, the seeds tell {apart} of {total} pairs apart and cannot tell {together} apart; {untested} not tested.',
      apart: '{hi} beats {lo} by {points} points (p {p}): the seeds tell them apart.',
      together: '{a} and {b} differ by {points} points (p {p}): the seeds cannot tell them apart.',
      untested: '{a} and {b}: not tested (Welch’s t needs 2 or more seeds on each side, and seeds that do not all end at the same figure).'
    }
  },
  ko: {
    title: '알고리즘 비교',
    seeds: '알고리즘별 학습 시드 수',
    seedsHint: '모든 실행이 같은 분할을 씁니다: 실행 {runs}개',
    progress: '실행 {runs}개 중 {measured}개에 측정값이 있습니다. 아래 수치는 그 실행들만 반영합니다.',
    loading: '실행 결과를 읽는 중…',
    bands: {
      title: '스텝별 테스트 정확도: 시드 평균 ± 표준편차',
      hint: '선은 시드 평균(평가된 경우 EMA 모델), 띠는 ± 1 표준편차입니다. 점선은 두 기준선입니다.',
      x: '스텝',
      step: '스텝 {step}'
    },
    table: {
      title: '최종 수치 (시드 평균 ± 표준편차)',
      algorithm: '알고리즘',
      seeds: '시드',
      steps: '스텝',
      testAcc: '테스트 정확도',
      emaTestAcc: 'EMA 테스트 정확도',
      maskRate: '의사 레이블의 양 (마스크 비율)',
      plAccMasked: '의사 레이블의 질 (마스크된 정확도)',
      stepsToTarget: '{target} 도달 스텝',
      collapsed: '붕괴한 시드'
    },
    kind: {
      bound: '하한 기준선',
      oracle: '오라클: 모든 레이블 사용'
    },
    reached: '{steps} ({n}개 중 {reached}개 도달)',
    pairs: {
      title: '시드로 구별되는 차이와 구별되지 않는 차이 ({by} 기준 Welch t 검정)',
      pair: '쌍',
      difference: '차이 (%p)',
      t: 'Welch t',
      df: '자유도',
      p: 'p',
      verdict: '해석'
    },
    rankedBy: {
      emaTestAcc: 'EMA 테스트 정확도',
      testAcc: '테스트 정확도'
    },
    verdict: {
      headline: 'p < {alpha} 기준으로, 전체 {total}쌍 중 {apart}쌍은 시드로 구별되고 {together}쌍은 구별되지 않습니다.',
      headlineUntested: 'p < {alpha} 기준으로, 전체 {total}쌍 중 {apart}쌍은 시드로 구별되고 {together}쌍은 구별되지 않으며, {untested}쌍은 검정하지 않았습니다.',
      apart: '{hi} 쪽이 {lo}보다 {points}%p 높습니다 (p {p}). 이 시드들로 둘을 구별할 수 있습니다.',
      together: '{a}, {b}의 차이는 {points}%p입니다 (p {p}). 이 시드들로는 둘을 구별할 수 없습니다.',
      untested: '{a}, {b}: 검정하지 않았습니다 (Welch t 검정에는 양쪽 모두 시드가 2개 이상 있어야 하고, 모든 시드가 같은 값으로 끝나면 잡음을 추정할 수 없습니다).'
    }
  }
})
