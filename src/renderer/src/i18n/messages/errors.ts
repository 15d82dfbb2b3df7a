// What each error code means to the user; the error's own message (from main, the worker
// or the engine) follows as the detail.
import type { ErrorCode } from '../../../../shared/errors'
import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    code: {
      'invalid-payload': 'Invalid request',
      'invalid-config': 'Invalid configuration',
      'forbidden-sender': 'Request refused',
      'not-found': 'Not found',
      'not-implemented': 'Not available yet',
      'already-exists': 'Already exists',
      conflict: 'Conflict',
      'dataset-unavailable': 'Dataset unavailable',
      'dataset-corrupt': 'Dataset corrupt',
      'download-failed': 'Download failed',
      'backend-unavailable': 'Backend unavailable',
      'backend-limit': 'Over a device limit',
      'session-corrupt': 'Session corrupt',
      'session-unsupported-version': 'Session from an unsupported version',
      'worker-crashed': 'Training process crashed',
      'io-error': 'File error',
      internal: 'Internal error'
    } satisfies Record<ErrorCode, string>
  },
  ko: {
    code: {
      'invalid-payload': '잘못된 요청',
      'invalid-config': '잘못된 설정',
      'forbidden-sender': '거부된 요청',
      'not-found': '찾을 수 없음',
      'not-implemented': '아직 지원하지 않음',
      'already-exists': '이미 있음',
      conflict: '충돌',
      'dataset-unavailable': '데이터셋을 쓸 수 없음',
      'dataset-corrupt': '데이터셋 손상',
      'download-failed': '다운로드 실패',
      'backend-unavailable': '백엔드를 쓸 수 없음',
      'backend-limit': '장치 한도 초과',
      'session-corrupt': '세션 손상',
      'session-unsupported-version': '지원하지 않는 버전의 세션',
      'worker-crashed': '학습 프로세스 중단',
      'io-error': '파일 오류',
      internal: '내부 오류'
    }
  }
})
