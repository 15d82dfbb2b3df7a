// lib/format's functions in the current locale: call them in templates or computeds and
// they follow a language switch (they read the locale ref).
import * as f from '../lib/format'
import { currentLocale } from './index'

export const formatPercent = (value: number | null | undefined, digits = 1): string => f.formatPercent(value, digits, currentLocale())
export const formatNumber = (value: number | null | undefined): string => f.formatNumber(value, currentLocale())
export const formatCount = (n: number): string => f.formatCount(n, currentLocale())
export const formatDuration = (seconds: number | null | undefined): string => f.formatDuration(seconds, currentLocale())
export const formatDate = (ms: number | null | undefined): string => f.formatDate(ms, currentLocale())
export { formatLabel } from '../lib/format'
