import { defineMessages } from '../define-messages'

export default defineMessages({
  en: {
    loading: 'Loading…',
    retry: 'Retry',
    empty: 'Nothing here yet.',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    saved: 'saved',
    none: 'none',
    yes: 'yes',
    no: 'no',
    available: 'available',
    unavailable: 'unavailable'
  },
  ko: {
    loading: '불러오는 중…',
    retry: '다시 시도',
    empty: '아직 아무것도 없습니다.',
    cancel: '취소',
    close: '닫기',
    save: '저장',
    saved: '저장됨',
    none: '없음',
    yes: '예',
    no: '아니요',
    available: '사용 가능',
    unavailable: '사용 불가'
  }
})
