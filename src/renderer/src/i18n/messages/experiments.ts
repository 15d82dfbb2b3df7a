// The experiment form. field.<config path> names each ExperimentConfig field (lib/config-fields
// lists them; a test checks every path has its name here), help.<path> its hint. The algorithm's
// settings are named in their definitions (shared/algorithms), in both languages.
import type { PRESET_IDS } from '../../../../shared/config/presets'
import { algorithmSettingHelp, algorithmSettingLabels } from '../../../../shared/algorithms/form'
import { defineMessages } from '../define-messages'

type PresetText = Record<(typeof PRESET_IDS)[number], { title: string; description: string }>

export default defineMessages({
  en: {
    title: 'New experiment',
    preset: 'Preset',
    start: 'Start',
    starting: 'Starting…',
    startTitle: 'Start (Ctrl+Enter)',
    backendAvailable: 'available',
    backendAvailableOn: 'available: {device}',
    backendUnavailable: 'unavailable',
    backendMissing: '{name} is unavailable here: {detail}',
    auto: 'auto',
    on: 'on',
    off: 'off',
    presets: {
      'fixmatch-paper-cifar10-4000': {
        title: 'FixMatch paper, CIFAR-10 4000 labels',
        description: 'WRN-28-2, B=64, μ=7, τ=0.95, SGD 0.03 Nesterov, cosine over 2^20 steps, EMA 0.999. Needs a GPU.'
      },
      'fixmatch-paper-cifar100-10000': {
        title: 'FixMatch paper, CIFAR-100 10000 labels',
        description: 'WRN-28-8, weight decay 1e-3, otherwise as CIFAR-10: B=64, μ=7, τ=0.95, SGD 0.03 Nesterov, 2^20 steps. Needs a large GPU.'
      },
      'quick-mnist': {
        title: 'Quick MNIST',
        description: '10 labels per class, small CNN, a few minutes on a laptop CPU.'
      },
      'algorithm-comparison-quick-mnist': {
        title: 'Algorithm comparison (Quick MNIST)',
        description:
          'Queues the eleven SSL algorithms (FixMatch, FlexMatch, Pseudo-Label, FreeMatch, SoftMatch, Dash, AdaMatch, UDA, DeFixMatch, Pi-Model, Mean Teacher) with the supervised bound and the fully supervised oracle, 3 training seeds each on one split, then opens their comparison (mean ± std, Welch t). ' +
          "lr 0.03, mu 7, 2,000 steps: at Quick MNIST's lr 0.3 FlexMatch, FreeMatch and SoftMatch collapse to one class, and 2,000 steps let FlexMatch's thresholds climb. " +
          "Each algorithm with USB's own recipe: Pseudo-Label, Pi-Model and Mean Teacher at uratio 1, λ_u 10 for Pi-Model, 50 for Mean Teacher, 0.5 for DeFixMatch. " +
          'Pseudo-Label trains 3× the steps (6,000): at uratio 1 it forwards 2 images per labeled one against FixMatch’s 15, and at 2,000 steps it ends level with the supervised bound; at 6,000 it still forwards 40% of FixMatch’s images. ' +
          "The confidence EMAs of FreeMatch, SoftMatch and AdaMatch at momentum 0.99 instead of 0.999 (tuned for 2^20 steps), as the BN momentum and the model EMA (Mean Teacher's teacher) are shortened."
      }
    } satisfies PresetText,
    group: {
      Training: 'Training',
      Data: 'Data',
      Model: 'Model',
      Algorithm: 'Algorithm',
      Batch: 'Batch',
      Optimizer: 'Optimizer',
      Schedule: 'Schedule',
      EMA: 'EMA',
      Augmentation: 'Augmentation'
    },
    field: {
      name: 'Name',
      steps: 'Steps K',
      evalInterval: 'Eval interval',
      sweepInterval: 'Sweep interval',
      checkpointInterval: 'Checkpoint interval',
      seed: 'Seed',
      backend: 'Backend',
      dataset: { id: 'Dataset' },
      split: {
        labelsPerClass: 'Labels per class',
        seed: 'Split seed',
        excludeLabeledFromUnlabeled: 'Exclude labeled from unlabeled',
        expandLabels: 'Expand labeled list'
      },
      model: { arch: 'Model', bnMomentum: 'BN momentum (TF.js)', leakySlope: 'Leaky ReLU slope' },
      algorithm: {
        name: 'Algorithm',
        ...algorithmSettingLabels('en')
      },
      batch: { labeled: 'Labeled batch B', mu: 'Unlabeled ratio μ' },
      optimizer: { name: 'Optimizer', lr: 'Learning rate', momentum: 'Momentum', nesterov: 'Nesterov', weightDecay: 'Weight decay' },
      schedule: { name: 'Schedule', warmupSteps: 'Warm-up steps', cosineCycles: 'Cosine cycles' },
      ema: { enabled: 'EMA model', decay: 'EMA decay' },
      augment: { strong: 'Strong augmentation', horizontalFlip: 'Horizontal flip' }
    },
    help: {
      sweepInterval: '0 = only at the end',
      checkpointInterval: '0 = at stop and end',
      model: { bnMomentum: '0.999 = PyTorch 0.001' },
      algorithm: algorithmSettingHelp('en'),
      augment: { horizontalFlip: 'auto: by dataset' }
    }
  },
  ko: {
    title: '새 실험',
    preset: '프리셋',
    start: '시작',
    starting: '시작하는 중…',
    startTitle: '시작 (Ctrl+Enter)',
    backendAvailable: '사용 가능',
    backendAvailableOn: '사용 가능: {device}',
    backendUnavailable: '사용 불가',
    backendMissing: '이 컴퓨터에서는 {name}을(를) 쓸 수 없습니다: {detail}',
    auto: '자동',
    on: '켬',
    off: '끔',
    presets: {
      'fixmatch-paper-cifar10-4000': {
        title: 'FixMatch 논문, CIFAR-10 레이블 4000개',
        description: 'WRN-28-2, B=64, μ=7, τ=0.95, SGD 0.03 Nesterov, 2^20스텝 코사인, EMA 0.999. GPU가 필요합니다.'
      },
      'fixmatch-paper-cifar100-10000': {
        title: 'FixMatch 논문, CIFAR-100 레이블 10000개',
        description: 'WRN-28-8, 가중치 감쇠 1e-3, 나머지는 CIFAR-10과 같습니다: B=64, μ=7, τ=0.95, SGD 0.03 Nesterov, 2^20스텝. 큰 GPU가 필요합니다.'
      },
      'quick-mnist': {
        title: '빠른 MNIST',
        description: '클래스당 레이블 10개, 작은 CNN, 노트북 CPU로 몇 분이면 끝납니다.'
      },
      'algorithm-comparison-quick-mnist': {
        title: '알고리즘 비교 (빠른 MNIST)',
        description:
          'SSL 알고리즘 11개(FixMatch, FlexMatch, Pseudo-Label, FreeMatch, SoftMatch, Dash, AdaMatch, UDA, DeFixMatch, Pi-Model, Mean Teacher)와 지도 학습 하한, 완전 지도 학습 오라클을 같은 분할에서 학습 시드 3개씩 실행한 뒤 비교 화면(평균 ± 표준편차, Welch t)을 엽니다. ' +
          'lr 0.03, mu 7, 2,000 스텝: 빠른 MNIST의 lr 0.3에서는 FlexMatch, FreeMatch, SoftMatch가 한 클래스로 붕괴하고, 2,000 스텝이어야 FlexMatch의 임계값이 올라갑니다. ' +
          '각 알고리즘은 USB의 설정을 따릅니다: Pseudo-Label, Pi-Model, Mean Teacher는 uratio 1, λ_u는 Pi-Model 10, Mean Teacher 50, DeFixMatch 0.5. ' +
          'Pseudo-Label은 3배의 스텝(6,000)을 학습합니다: uratio 1에서는 레이블 이미지 하나당 2장을 순전파해 FixMatch의 15장보다 적고, 2,000 스텝에서는 지도 학습 하한과 같은 수준에서 끝납니다. 6,000 스텝에서도 FixMatch가 순전파하는 이미지의 40%입니다. ' +
          'FreeMatch, SoftMatch, AdaMatch의 신뢰도 EMA 모멘텀은 2^20 스텝에 맞춘 0.999 대신 0.99로, BN 모멘텀과 모델 EMA(Mean Teacher의 교사)를 줄인 것과 같은 이유입니다.'
      }
    },
    group: {
      Training: '학습',
      Data: '데이터',
      Model: '모델',
      Algorithm: '알고리즘',
      Batch: '배치',
      Optimizer: '옵티마이저',
      Schedule: '학습률 스케줄',
      EMA: 'EMA',
      Augmentation: '데이터 증강'
    },
    field: {
      name: '이름',
      steps: '스텝 수 K',
      evalInterval: '평가 간격',
      sweepInterval: '전체 스윕 간격',
      checkpointInterval: '체크포인트 간격',
      seed: '시드',
      backend: '백엔드',
      dataset: { id: '데이터셋' },
      split: {
        labelsPerClass: '클래스당 레이블 수',
        seed: '분할 시드',
        excludeLabeledFromUnlabeled: '레이블 데이터를 레이블 없는 데이터에서 빼기',
        expandLabels: '레이블 목록 늘리기'
      },
      model: { arch: '모델', bnMomentum: 'BN 모멘텀 (TF.js)', leakySlope: 'Leaky ReLU 기울기' },
      algorithm: {
        name: '알고리즘',
        ...algorithmSettingLabels('ko')
      },
      batch: { labeled: '레이블 배치 B', mu: '레이블 없는 데이터 비율 μ' },
      optimizer: { name: '옵티마이저', lr: '학습률', momentum: '모멘텀', nesterov: 'Nesterov', weightDecay: '가중치 감쇠' },
      schedule: { name: '스케줄', warmupSteps: '워밍업 스텝', cosineCycles: '코사인 주기' },
      ema: { enabled: 'EMA 모델', decay: 'EMA 감쇠율' },
      augment: { strong: '강한 증강', horizontalFlip: '좌우 뒤집기' }
    },
    help: {
      sweepInterval: '0 = 마지막에만',
      checkpointInterval: '0 = 중지할 때와 끝날 때',
      model: { bnMomentum: '0.999 = PyTorch의 0.001' },
      algorithm: algorithmSettingHelp('ko'),
      augment: { horizontalFlip: '자동: 데이터셋에 따라' }
    }
  }
})
