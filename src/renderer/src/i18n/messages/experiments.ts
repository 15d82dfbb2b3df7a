// The experiment form. field.<config path> names each ExperimentConfig field (lib/config-fields
// lists them; a test checks every path has its name here), help.<path> its hint.
import type { PRESET_IDS } from '../../../../shared/config/presets'
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
          'Queues FixMatch, FlexMatch, Pseudo-Label, FreeMatch and SoftMatch with the supervised bound and the fully supervised oracle, 3 training seeds each on one split, then opens their comparison (mean ± std, Welch t). ' +
          "lr 0.03, mu 7, 2,000 steps: at Quick MNIST's lr 0.3 FlexMatch, FreeMatch and SoftMatch collapse to one class, and 2,000 steps let FlexMatch's thresholds climb. " +
          "Pseudo-Label at USB's uratio 1; FreeMatch's and SoftMatch's EMA momentum 0.99 instead of 0.999 (tuned for 2^20 steps), as the BN momentum and model EMA are shortened."
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
        threshold: 'Threshold τ',
        temperature: 'Temperature T',
        lambdaU: 'λ_u',
        unsupWarmup: 'Unsupervised warm-up',
        emaMomentum: 'Confidence EMA momentum',
        fairnessWeight: 'Fairness loss weight',
        nSigma: 'Gaussian width n_σ',
        distAlign: 'Distribution alignment',
        sharpenTemperature: 'Soft-label temperature',
        gamma: 'Threshold decay γ',
        rhoC: 'Threshold factor C',
        rhoMin: 'Minimum loss threshold ρ_min',
        dashWarmup: 'Supervised warm-up',
        udaTemperature: 'Soft-target temperature',
        udaCutoff: 'Confidence cutoff',
        tsaSchedule: 'Training signal annealing'
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
      algorithm: {
        unsupWarmup: 'Pseudo-Label: share of training over which λ_u ramps up from 0',
        emaMomentum: 'FreeMatch, SoftMatch, AdaMatch: momentum of their confidence and class-distribution averages',
        fairnessWeight: 'FreeMatch: weight of the self-adaptive fairness loss',
        nSigma: 'SoftMatch: width of the truncated Gaussian in standard deviations',
        distAlign: 'SoftMatch: align the predictions to a uniform class distribution',
        sharpenTemperature: 'Dash: temperature T of its soft pseudo-labels until ρ reaches ρ_min',
        gamma: 'Dash: ρ shrinks by this factor every 10 epochs (1/1024 of the steps each)',
        rhoC: 'Dash: ρ = C γ^-k ρ_init',
        rhoMin: 'Dash: the floor of the loss threshold ρ; there it switches to hard pseudo-labels',
        dashWarmup: 'Dash: share of training on labels alone at the start; ρ_init is the labeled loss at step 1',
        udaTemperature: 'UDA: temperature T of its soft targets softmax(logits / T); lower is sharper',
        udaCutoff: 'UDA: an unlabeled image trains only when its top probability on the weak view reaches this',
        tsaSchedule: 'UDA: labeled images the model is already surer of than the annealing threshold leave the supervised loss; the threshold rises from 1/K to 1 over training (linear, exp: late, log: early), none turns it off'
      },
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
          'FixMatch, FlexMatch, Pseudo-Label, FreeMatch, SoftMatch와 지도 학습 하한, 완전 지도 학습 오라클을 같은 분할에서 학습 시드 3개씩 실행한 뒤 비교 화면(평균 ± 표준편차, Welch t)을 엽니다. ' +
          'lr 0.03, mu 7, 2,000 스텝: 빠른 MNIST의 lr 0.3에서는 FlexMatch, FreeMatch, SoftMatch가 한 클래스로 붕괴하고, 2,000 스텝이어야 FlexMatch의 임계값이 올라갑니다. ' +
          'Pseudo-Label은 USB의 uratio 1; FreeMatch와 SoftMatch의 EMA 모멘텀은 2^20 스텝에 맞춘 0.999 대신 0.99로, BN 모멘텀과 모델 EMA를 줄인 것과 같은 이유입니다.'
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
        threshold: '신뢰도 임계값 τ',
        temperature: '온도 T',
        lambdaU: 'λ_u',
        unsupWarmup: '비지도 손실 워밍업',
        emaMomentum: '신뢰도 EMA 모멘텀',
        fairnessWeight: '공정성 손실 가중치',
        nSigma: '가우시안 폭 n_σ',
        distAlign: '분포 정렬',
        sharpenTemperature: '소프트 레이블 온도',
        gamma: '임계값 감소율 γ',
        rhoC: '임계값 계수 C',
        rhoMin: '최소 손실 임계값 ρ_min',
        dashWarmup: '지도 학습 워밍업',
        udaTemperature: '소프트 타깃 온도',
        udaCutoff: '신뢰도 기준값',
        tsaSchedule: '학습 신호 어닐링(TSA)'
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
      algorithm: {
        unsupWarmup: 'Pseudo-Label: λ_u를 0에서 올리는 데 쓰는 학습 구간의 비율',
        emaMomentum: 'FreeMatch, SoftMatch, AdaMatch: 신뢰도 평균과 클래스 분포 평균의 모멘텀',
        fairnessWeight: 'FreeMatch: 자기 적응 공정성 손실의 가중치',
        nSigma: 'SoftMatch: 잘린 가우시안의 폭(표준편차 단위)',
        distAlign: 'SoftMatch: 예측을 균등 클래스 분포에 맞춥니다',
        sharpenTemperature: 'Dash: ρ가 ρ_min에 닿을 때까지 쓰는 소프트 의사 레이블의 온도 T',
        gamma: 'Dash: 10 에포크(에포크 하나는 전체 스텝의 1/1024)마다 ρ를 이 비율로 줄입니다',
        rhoC: 'Dash: ρ = C γ^-k ρ_init',
        rhoMin: 'Dash: 손실 임계값 ρ의 하한. 여기에 닿으면 하드 의사 레이블로 바뀝니다',
        dashWarmup: 'Dash: 처음에 레이블 데이터만으로 학습하는 구간의 비율. ρ_init은 1스텝의 레이블 손실입니다',
        udaTemperature: 'UDA: 소프트 타깃 softmax(logits / T)의 온도 T. 낮을수록 더 날카로워집니다',
        udaCutoff: 'UDA: 약한 증강 이미지의 최대 확률이 이 값 이상일 때만 레이블 없는 이미지가 학습에 쓰입니다',
        tsaSchedule: 'UDA: 모델이 이미 어닐링 임계값보다 더 확신하는 레이블 이미지는 지도 손실에서 빠집니다. 임계값은 학습하는 동안 1/K에서 1까지 오릅니다(linear: 일정하게, exp: 늦게, log: 일찍). none이면 쓰지 않습니다'
      },
      augment: { horizontalFlip: '자동: 데이터셋에 따라' }
    }
  }
})
