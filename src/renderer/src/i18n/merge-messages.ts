// Message modules (messages/<area>.ts) merged into one tree per language, under the area's
// name: messages/runs.ts's `title` is the key `runs.title`. Pure, so the key test runs in Node.
import type { AreaMessages, MessageTree } from './define-messages'

export const APP_LOCALES = ['en', 'ko'] as const
export type AppLocale = (typeof APP_LOCALES)[number]
export type LocaleMessages = Record<AppLocale, Record<string, MessageTree>>

const AREA = /(?:^|\/)([a-z][a-z0-9-]*)\.ts$/

export function mergeMessages(modules: Record<string, { default: AreaMessages }>): LocaleMessages {
  const out: LocaleMessages = { en: {}, ko: {} }
  for (const [path, module] of Object.entries(modules)) {
    const area = AREA.exec(path)?.[1]
    if (!area) throw new Error(`i18n: message module ${path} must be named <area>.ts (lower case)`)
    const messages = module.default
    for (const locale of APP_LOCALES) {
      if (!messages?.[locale]) throw new Error(`i18n: ${path} has no '${locale}' messages (export default defineMessages({ en, ko }))`)
      out[locale][area] = messages[locale] as MessageTree
    }
  }
  return out
}

/** Every leaf key of a tree as a dotted path. */
export function flattenKeys(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flattenKeys(value, path)) out.set(k, v)
  }
  return out
}
