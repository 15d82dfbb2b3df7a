import type { DownloadProgress } from '../../../../shared/datasets'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    title: 'Datasets',
    listLabel: 'Datasets',
    sizes: '{train} train · {test} test · {classes} classes',
    notImported: 'not imported yet: import the CIFAR archive or folder, or download it',
    ready: 'ready',
    missing: 'missing',
    train: 'Train',
    test: 'Test',
    classes: 'Classes',
    image: 'Image',
    source: 'Source',
    histogram: 'Class histogram',
    samples: 'Samples',
    seriesTrain: 'train',
    seriesTest: 'test',
    import: {
      fromDisk: 'Import from folder or archive…',
      download: 'Download',
      megabytes: '{n} MB',
      phase: {
        downloading: 'downloading',
        verifying: 'verifying',
        extracting: 'extracting',
        done: 'done',
        failed: 'failed'
      } satisfies Record<DownloadProgress['phase'], string>
    },
    split: {
      title: 'Labeled / unlabeled split',
      labelsPerClass: 'Labels per class',
      seed: 'Seed',
      exclude: 'exclude labeled from unlabeled',
      summary: '{labeled} labeled · {unlabeled} unlabeled',
      chart: 'Split per class',
      labeled: 'labeled',
      unlabeled: 'unlabeled'
    }
  },
  ko: {
    title: '데이터셋',
    listLabel: '데이터셋 목록',
    sizes: '학습 {train} · 테스트 {test} · 클래스 {classes}개',
    notImported: '아직 가져오지 않았습니다. CIFAR 압축 파일이나 폴더를 가져오거나 다운로드하세요',
    ready: '준비됨',
    missing: '없음',
    train: '학습',
    test: '테스트',
    classes: '클래스',
    image: '이미지',
    source: '출처',
    histogram: '클래스 분포',
    samples: '샘플',
    seriesTrain: '학습',
    seriesTest: '테스트',
    import: {
      fromDisk: '폴더나 압축 파일에서 가져오기…',
      download: '다운로드',
      megabytes: '{n} MB',
      phase: {
        downloading: '다운로드 중',
        verifying: '검증 중',
        extracting: '압축 푸는 중',
        done: '완료',
        failed: '실패'
      }
    },
    split: {
      title: '레이블 / 레이블 없는 데이터 분할',
      labelsPerClass: '클래스당 레이블 수',
      seed: '시드',
      exclude: '레이블 데이터를 레이블 없는 데이터에서 빼기',
      summary: '레이블 {labeled} · 레이블 없음 {unlabeled}',
      chart: '클래스별 분할',
      labeled: '레이블',
      unlabeled: '레이블 없음'
    }
  }
})
