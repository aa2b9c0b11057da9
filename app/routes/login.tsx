import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SubmitButton, TextField } from '~/components/forms'
import { LoginError, authenticateLogin } from '~/features/identity/auth.server'
import { createUserSession, getSessionUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { badRequest, formValues } from '~/features/platform/forms.server'
import { clientIp, safeRedirectPath } from '~/features/platform/http.server'
import { RATE_LIMITS, hitRateLimit } from '~/features/platform/rate-limit.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.login.title')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect('/')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.clone().formData()
  const values = formValues(form)
  const source = clientIp(request, context)
  const limit = await hitRateLimit(RATE_LIMITS.login, source)
  if (!limit.allowed) {
    return badRequest(values, {}, { status: 429, formError: 'errors.rateLimited', formErrorParams: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } })
  }
  try {
    const userId = await authenticateLogin(request, source)
    const cookie = await createUserSession(userId, request)
    return redirect(safeRedirectPath(form.get('redirectTo'), '/'), { headers: { 'Set-Cookie': cookie } })
  } catch (error) {
    if (error instanceof LoginError) return badRequest(values, {}, { formError: `auth.error.${error.reason}`, status: error.reason === 'locked' ? 423 : 400 })
    throw error
  }
}

export default function Login() {
  const state = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('auth.login.title')}</h1>
      <p className="muted">{t('auth.login.intro')}</p>
      <Form method="post" className="form panel" noValidate>
        <ErrorSummary state={state} />
        <input type="hidden" name="redirectTo" value={state?.values?.redirectTo ?? params.get('redirectTo') ?? '/'} />
        <TextField name="email" type="email" label={t('auth.field.email')} autoComplete="username" required state={state} />
        <TextField name="password" type="password" label={t('auth.field.password')} autoComplete="current-password" required state={state} />
        <div>
          <SubmitButton>{t('auth.login.submit')}</SubmitButton>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        <Link to="/signup">{t('auth.login.noAccount')}</Link>
      </p>
    </section>
  )
}
