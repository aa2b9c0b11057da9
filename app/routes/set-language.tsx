import { redirect, type ActionFunctionArgs } from '@remix-run/node'

import { languageCookie } from '~/features/i18n/locale.server'
import { isLocale } from '~/features/i18n/translate'
import { setUserLocale } from '~/features/identity/accounts.server'
import { LanguageSchema } from '~/features/identity/schemas'
import { getSessionUser } from '~/features/identity/session.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { safeRedirectPath } from '~/features/platform/http.server'

/** Switches the language: remembered on the account when signed in, in a cookie for guests. */
export async function action({ request }: ActionFunctionArgs) {
  return runIntent(await request.formData(), {
    default: intent(LanguageSchema, async ({ lang, redirectTo }) => {
      const to = safeRedirectPath(redirectTo, '/')
      if (!isLocale(lang)) return redirect(to)
      const user = await getSessionUser(request)
      if (user) await setUserLocale(user.id, lang)
      return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lang) } })
    }),
  })
}

export function loader() {
  return redirect('/')
}
