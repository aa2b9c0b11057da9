import { createCookie } from '@remix-run/node'

import type { Locale } from '../../../db/schema/identity'
import { DEFAULT_LOCALE, isLocale } from './translate'

export const languageCookie = createCookie('iwb_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
})

/** The signed-in user's language, else the guest's cookie, else Bulgarian. */
export async function resolveLocale(request: Request, user?: { locale: Locale } | null): Promise<Locale> {
  if (user) return user.locale
  const fromCookie = await languageCookie.parse(request.headers.get('cookie'))
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE
}
