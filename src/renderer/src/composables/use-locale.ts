// The language setting applied as it loads and changes ('system' follows the OS locale).
import { watchEffect } from 'vue'
import type { LocalePreference } from '../../../shared/settings'
import { applyLocale } from '../i18n'

export function useLocale(preference: () => LocalePreference | undefined): void {
  watchEffect(() => applyLocale(preference()))
}
