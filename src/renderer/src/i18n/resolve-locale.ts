// Which language the app shows: the setting, or with 'system' the OS locale
// (navigator.languages, first match wins): Korean for ko*, English otherwise.
import type { LocalePreference } from '../../../shared/settings'
import type { AppLocale } from './merge-messages'

export function resolveLocale(preference: LocalePreference | undefined, systemLanguages: readonly string[]): AppLocale {
  if (preference === 'en' || preference === 'ko') return preference
  for (const language of systemLanguages) {
    const base = language.toLowerCase().split(/[-_]/)[0]
    if (base === 'ko') return 'ko'
    if (base === 'en') return 'en'
  }
  return 'en'
}
