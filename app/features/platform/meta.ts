import type { MetaArgs, MetaDescriptor } from '@remix-run/node'

import type { Locale } from '../../../db/schema/identity'
import { DEFAULT_LOCALE, translate, type MessageKey } from '../i18n/translate'

/** "<page> · Институции без граници" in the page's language. */
export function pageTitle(
  args: MetaArgs,
  key: MessageKey | string,
  params?: Record<string, string | number>,
): MetaDescriptor[] {
  const root = args.matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  const locale = root?.locale ?? DEFAULT_LOCALE
  return [{ title: `${translate(locale, key, params)} · ${translate(locale, 'app.name')}` }]
}

/** The same for titles that are data (a case title, an event name). */
export function dataTitle(args: MetaArgs, title: string | undefined): MetaDescriptor[] {
  const root = args.matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  const locale = root?.locale ?? DEFAULT_LOCALE
  return [{ title: title ? `${title} · ${translate(locale, 'app.name')}` : translate(locale, 'app.name') }]
}

/** Beside the title of a page search engines must not list (a link that is someone's key, a certificate check). */
export const NO_INDEX: MetaDescriptor = { name: 'robots', content: 'noindex' }
