// A rule in words in both languages, Dash's soft-label loss threshold included.
import { afterEach, describe, expect, it } from 'vitest'
import { applyLocale } from '../../src/renderer/src/i18n'
import { ruleText } from '../../src/renderer/src/i18n/rule-text'

afterEach(() => applyLocale('en'))

describe('ruleText', () => {
  it('says a confidence threshold, and Dash sharpening as its soft-target loss', () => {
    applyLocale('en')
    expect(ruleText({ kind: 'threshold', threshold: 0.8 })).toBe('confidence ≥ 0.8')
    expect(ruleText({ kind: 'threshold', threshold: 0.61234, sharpen: 0.5 })).toBe('Dash: e^(−loss against its soft target) ≥ 0.612')
    applyLocale('ko')
    expect(ruleText({ kind: 'threshold', threshold: 0.61234, sharpen: 0.5 })).toBe('Dash: e^(−소프트 타깃에 대한 손실) ≥ 0.612')
  })

  it('says that a rule with no mask (a threshold at 0: Pi-Model, Mean Teacher) trains every target', () => {
    applyLocale('en')
    expect(ruleText({ kind: 'threshold', threshold: 0 })).toBe('no mask, every target trains')
    applyLocale('ko')
    expect(ruleText({ kind: 'threshold', threshold: 0 })).toBe('마스크 없음, 모든 타깃이 학습에 쓰임')
  })
})
