import { createContext, useContext, useMemo } from 'react'

import type { Locale } from '../../../db/schema/identity'
import {
  DEFAULT_LOCALE,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  translate,
  translatePlural,
  type MessageKey,
  type Params,
} from './translate'

const PageLocale = createContext<Locale>(DEFAULT_LOCALE)
/**
 * The page's language: the root layout provides the root loader's, and markup rendered outside the page (a case page's
 * kept reply fragments) provides its own.
 */
export const LocaleProvider = PageLocale.Provider

export function useLocale(): Locale {
  return useContext(PageLocale)
}

/** The translation helpers for the page's language. */
export function useT() {
  const locale = useLocale()
  return useMemo(
    () => ({
      locale,
      t: (key: MessageKey, params?: Params) => translate(locale, key, params),
      /** For keys built at run time (error codes, enum values). */
      tk: (key: string, params?: Params) => translate(locale, key, params),
      tp: (key: string, count: number, params?: Params) => translatePlural(locale, key, count, params),
      /** An enum's values as choices, each labelled by the message `<labelKey>.<value>`. */
      enumOptions: (values: readonly string[], labelKey: string) =>
        values.map((value) => ({ value, label: translate(locale, `${labelKey}.${value}`) })),
      date: (v: Date | string, o?: Intl.DateTimeFormatOptions) => formatDate(locale, v, o),
      dateTime: (v: Date | string) => formatDateTime(locale, v),
      time: (v: Date | string) => formatTime(locale, v),
      number: (v: number, o?: Intl.NumberFormatOptions) => formatNumber(locale, v, o),
    }),
    [locale],
  )
}
