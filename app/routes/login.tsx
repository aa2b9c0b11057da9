import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useSearchParams } from '@remix-run/react'

import { FormSubmit, PostForm } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { authenticateLogin } from '~/features/identity/auth.server'
import { CurrentPasswordField, EmailField } from '~/features/identity/AuthFields'
import { createUserSession, getSessionUser } from '~/features/identity/session.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { clientIp, safeRedirectPath } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { RATE_LIMITS, requireWithinRateLimit } from '~/features/platform/rate-limit.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.login.title')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect('/')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  // remix-auth reads the form itself: this copy is for the redirect target and the values sent back.
  return runIntent(await request.clone().formData(), {
    default: intent(NO_INPUT, async (_, form) => {
      const source = clientIp(request, context)
      await requireWithinRateLimit(RATE_LIMITS.login, source)
      const userId = await authenticateLogin(request, source)
      return redirect(safeRedirectPath(form.get('redirectTo'), '/'), {
        headers: { 'Set-Cookie': await createUserSession(userId, request) },
      })
    }),
  })
}

export default function Login() {
  const state = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('auth.login.title')}</h1>
      <p className="muted">{t('auth.login.intro')}</p>
      <PostForm className="form panel" state={state}>
        <input type="hidden" name="redirectTo" value={state?.values?.redirectTo ?? params.get('redirectTo') ?? '/'} />
        <EmailField autoComplete="username" />
        <CurrentPasswordField name="password" label={t('auth.field.password')} />
        <FormSubmit>{t('auth.login.submit')}</FormSubmit>
      </PostForm>
      <p>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        <Link to="/signup">{t('auth.login.noAccount')}</Link>
      </p>
    </section>
  )
}
