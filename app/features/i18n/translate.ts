import type { Locale } from '../../../db/schema/identity'
import { SOFIA_TIME_ZONE } from '../platform/sofia-time'
import { catalogs, type MessageKey } from './catalog'

export type { MessageKey }
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export const DEFAULT_LOCALE: Locale = 'bg'
export const INTL_LOCALE: Record<Locale, string> = { bg: 'bg-BG', en: 'en-GB' }

export function isLocale(value: unknown): value is Locale {
  return value === 'bg' || value === 'en'
}

function interpolate(template: string, params?: Params) {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Looks a key up; an unknown key (e.g. from a server error code) is shown as itself, never crashes a page. */
export function translate(locale: Locale, key: MessageKey | string, params?: Params): string {
  const table = catalogs[locale] as Record<string, string>
  const template = table[key] ?? (catalogs[DEFAULT_LOCALE] as Record<string, string>)[key] ?? key
  return interpolate(template, params)
}

/** Plural forms: keys `x.one` and `x.other` (Bulgarian and English both have these two). */
export function translatePlural(locale: Locale, key: string, count: number, params?: Params): string {
  const rules = cached(pluralRules, locale, () => new Intl.PluralRules(INTL_LOCALE[locale]))
  const form = rules.select(count) === 'one' ? 'one' : 'other'
  return translate(locale, `${key}.${form}`, { count: formatNumber(locale, count), ...params })
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params)
}

// Building an Intl formatter costs far more than using one: a page of 100 replies formats 100 dates.
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const pluralRules = new Map<string, Intl.PluralRules>()

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key)
  if (!formatter) {
    formatter = make()
    cache.set(key, formatter)
  }
  return formatter
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
  return cached(
    numberFormats,
    `${locale}${JSON.stringify(options ?? {})}`,
    () => new Intl.NumberFormat(INTL_LOCALE[locale], options),
  ).format(value)
}

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long' }
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }
// The formatter of an options object by its identity (callers pass constants), then by its content.
const dateFormatsByOptions = new WeakMap<Intl.DateTimeFormatOptions, Partial<Record<Locale, Intl.DateTimeFormat>>>()

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byLocale = dateFormatsByOptions.get(options)
  if (!byLocale) dateFormatsByOptions.set(options, (byLocale = {}))
  return (byLocale[locale] ??= cached(
    dateFormats,
    `${locale}${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: SOFIA_TIME_ZONE, ...options }),
  ))
}

export function formatDate(locale: Locale, value: Date | string, options: Intl.DateTimeFormatOptions = LONG_DATE) {
  return dateFormat(locale, options).format(new Date(value))
}

export function formatDateTime(locale: Locale, value: Date | string) {
  return formatDate(locale, value, DATE_TIME)
}

export function formatTime(locale: Locale, value: Date | string) {
  return formatDate(locale, value, TIME)
}
