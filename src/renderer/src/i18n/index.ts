// The app's two languages, English and Korean (vue-i18n, composition mode).
//
// To add an area, create messages/<area>.ts (lower case, one per view or concern):
//
//   import { defineMessages } from '../define-messages'
//   export default defineMessages({
//     en: { title: 'Sweeps', trials: '{n} trials' },
//     ko: { title: '스윕', trials: '시도 {n}개' }
//   })
//
// It is picked up by the glob below; its keys are `<area>.title`, `<area>.trials`.
// Templates use `$t('sweeps.title')`, scripts `const { t } = useI18n()`; stores and lib code
// that is not inside a component take `t` from this module (lib functions get a translate
// function or the labels passed in, they never import this). Numbers and dates go through
// ./format (locale-aware). vue-i18n reserves { } @ $ | in messages: write {'@'} for a literal.
// test/renderer/i18n.test.ts fails when a key exists in one language only, when the
// placeholders differ, or when a t('…') key used anywhere in src/renderer is missing.
import { createI18n } from 'vue-i18n'
import { z } from 'zod'
import zodEn from 'zod/v4/locales/en.js'
import zodKo from 'zod/v4/locales/ko.js'
import type { LocalePreference } from '../../../shared/settings'
import type { AreaMessages } from './define-messages'
import { mergeMessages, type AppLocale } from './merge-messages'
import { resolveLocale } from './resolve-locale'

export const messages = mergeMessages(import.meta.glob<{ default: AreaMessages }>('./messages/*.ts', { eager: true }))

/** The OS locale list, as Chromium reports it. */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []
  return navigator.languages?.length ? navigator.languages : [navigator.language]
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: resolveLocale('system', systemLanguages()),
  fallbackLocale: 'en',
  messages
})

/** Translate outside components (stores, composables); reactive to the locale like $t. */
export const t = i18n.global.t

export function currentLocale(): AppLocale {
  return i18n.global.locale.value
}

/** Apply the Settings choice ('system' follows the OS locale); also sets <html lang>. */
export function applyLocale(preference: LocalePreference | undefined): AppLocale {
  const locale = resolveLocale(preference, systemLanguages())
  // The form validates in the renderer: zod's own messages in the same language.
  z.config(locale === 'ko' ? zodKo() : zodEn())
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  return locale
}
