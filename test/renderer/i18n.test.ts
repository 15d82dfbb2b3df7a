// Both languages have every key, with the same placeholders, and every key the renderer's
// source asks for exists. Keys built at run time are checked against their domain below.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ERROR_CODES } from '../../src/shared/errors'
import { PRESET_IDS } from '../../src/shared/config/presets'
import { RUN_STATES } from '../../src/shared/runs'
import { SESSION_STATUSES } from '../../src/shared/sessions'
import { COMPARE_METRICS } from '../../src/renderer/src/lib/compare'
import { CONFIG_FIELDS, fieldGroups } from '../../src/renderer/src/lib/config-fields'
import { DASHBOARD_CHARTS } from '../../src/renderer/src/lib/dashboard-charts'
import { SAMPLE_SORTS } from '../../src/renderer/src/lib/sample-filter'
import { VIEW_NAMES } from '../../src/renderer/src/lib/views'
import { applyLocale, i18n, messages } from '../../src/renderer/src/i18n'
import { APP_LOCALES, flattenKeys, mergeMessages } from '../../src/renderer/src/i18n/merge-messages'
import { resolveLocale } from '../../src/renderer/src/i18n/resolve-locale'

// The renderer's source as text (the messages themselves left out).
const SOURCE = import.meta.glob<string>(['../../src/renderer/src/**/*.{ts,vue}', '!**/i18n/messages/**'], { query: '?raw', import: 'default', eager: true })
const en = flattenKeys(messages.en)
const ko = flattenKeys(messages.ko)

/** The first argument of every t(…), $t(…), te(…) call, literal or template, and <i18n-t keypath>. */
function usedKeys(): { file: string; key: string }[] {
  const call = /(?:(?<![\w$])\$?t[ce]?\(\s*|keypath=)(['"`])((?:(?!\1).)+)\1/g
  // Comment lines name example keys (i18n/index.ts); they are not uses.
  const code = (text: string): string => text.replace(/^\s*(\/\/|\/?\*).*$/gm, '')
  return Object.entries(SOURCE).flatMap(([file, text]) => [...code(text).matchAll(call)].map((m) => ({ file, key: m[2] })))
}

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]))].sort()

describe('messages', () => {
  it('have every key in both languages', () => {
    expect([...en.keys()].filter((k) => !ko.has(k))).toEqual([])
    expect([...ko.keys()].filter((k) => !en.has(k))).toEqual([])
    expect(en.size).toBeGreaterThan(50)
  })

  it('use the same placeholders in both languages and no empty text', () => {
    for (const [key, text] of en) {
      expect(placeholders(ko.get(key) ?? ''), key).toEqual(placeholders(text))
      expect(text.trim(), key).not.toBe('')
      expect((ko.get(key) ?? '').trim(), key).not.toBe('')
    }
  })

  it('compile and render in both languages without warnings', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    for (const locale of APP_LOCALES) {
      for (const key of en.keys()) expect(i18n.global.t(key, { n: 2 }, { locale }), `${locale} ${key}`).not.toBe(key)
    }
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })

  it('contain every key the renderer uses', () => {
    const used = usedKeys()
    expect(Object.keys(SOURCE).length).toBeGreaterThan(50)
    expect(used.length).toBeGreaterThan(20)
    const missing = used.filter(({ key }) => {
      if (!key.includes('${')) return !en.has(key)
      const pattern = new RegExp(`^${key.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.+')}$`)
      return ![...en.keys()].some((k) => pattern.test(k))
    })
    expect(missing).toEqual([])
  })

  it('contain every key written as a string elsewhere (label tables, conditional keys)', () => {
    const areas = Object.keys(messages.en).join('|')
    // Single quotes and backticks: double quotes wrap template attributes, whose code is not a key.
    const literal = new RegExp(`(['\`])((?:${areas})\\.[\\w.-]+)\\1`, 'g')
    const missing = Object.entries(SOURCE).flatMap(([file, text]) =>
      [...text.matchAll(literal)].map((m) => ({ file, key: m[2] })).filter(({ key }) => !en.has(key))
    )
    expect(missing).toEqual([])
  })

  // Keys built at run time from a domain: every value of the domain has its text.
  const DOMAINS: [prefix: string, values: readonly string[]][] = [
    ['samples.sort', SAMPLE_SORTS],
    ['runs.state', RUN_STATES],
    ['sessions.statusName', SESSION_STATUSES],
    ['shell.view', VIEW_NAMES],
    ['charts.metric', COMPARE_METRICS.map((m) => m.id)],
    ['charts.dashboard', DASHBOARD_CHARTS.map((c) => c.id)],
    ['charts.line', DASHBOARD_CHARTS.flatMap((c) => c.lines.map((l) => l.name))],
    ['charts.axis', DASHBOARD_CHARTS.flatMap((c) => c.yAxes.map((a) => a.name))],
    ['experiments.field', CONFIG_FIELDS.map((f) => f.path)],
    ['experiments.group', fieldGroups().map(([group]) => group)],
    ['experiments.presets', PRESET_IDS.flatMap((id) => [`${id}.title`, `${id}.description`])],
    ['experiments.help', CONFIG_FIELDS.filter((f) => f.help).map((f) => f.path)]
  ]
  it.each(DOMAINS)('name every value behind %s', (prefix, values) => {
    expect(values.map((v) => `${prefix}.${v}`).filter((key) => !en.has(key))).toEqual([])
  })

  it('name every error code', () => {
    for (const code of ERROR_CODES) expect(en.has(`errors.code.${code}`), code).toBe(true)
  })

  it('refuse a module that lacks a language or has a bad name', () => {
    expect(() => mergeMessages({ './messages/x.ts': { default: { en: {}, ko: undefined as never } } })).toThrow(/'ko'/)
    expect(() => mergeMessages({ './messages/Bad.ts': { default: { en: {}, ko: {} } } })).toThrow(/<area>\.ts/)
  })
})

describe('locale', () => {
  afterEach(() => applyLocale('en'))

  it('follows the OS locale for system: Korean for ko*, English otherwise', () => {
    expect(resolveLocale('system', ['ko-KR', 'en-US'])).toBe('ko')
    expect(resolveLocale('system', ['ko'])).toBe('ko')
    expect(resolveLocale('system', ['de-DE', 'en-GB'])).toBe('en')
    expect(resolveLocale('system', ['ja-JP'])).toBe('en')
    expect(resolveLocale(undefined, [])).toBe('en')
  })

  it('takes an explicit choice over the OS locale', () => {
    expect(resolveLocale('en', ['ko-KR'])).toBe('en')
    expect(resolveLocale('ko', ['en-US'])).toBe('ko')
  })

  it("switches the translations, and zod's validation messages, when applied", () => {
    applyLocale('ko')
    expect(i18n.global.t('common.retry')).toBe('다시 시도')
    expect(z.number().safeParse('x').error?.issues[0].message).toMatch(/잘못된 입력/)
    applyLocale('en')
    expect(i18n.global.t('common.retry')).toBe('Retry')
    expect(z.number().safeParse('x').error?.issues[0].message).toMatch(/Invalid input/)
  })
})
