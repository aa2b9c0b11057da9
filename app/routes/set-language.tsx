import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { setUserLocale } from '~/features/identity/accounts.server'
import { getSessionUser } from '~/features/identity/session.server'
import { languageCookie } from '~/features/i18n/locale.server'
import { isLocale } from '~/features/i18n/translate'
import { safeRedirectPath } from '~/features/platform/http.server'

/** Switches the language: remembered on the account when signed in, in a cookie for guests. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lang = form.get('lang')
  const to = safeRedirectPath(form.get('redirectTo'), '/')
  if (!isLocale(lang)) return redirect(to)
  const user = await getSessionUser(request)
  if (user) await setUserLocale(user.id, lang)
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lang) } })
}

export function loader() {
  return redirect('/')
}
