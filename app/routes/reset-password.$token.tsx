import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, SubmitButton, TextField } from '~/components/forms'
import { AccountError, isResetTokenUsable, resetPassword } from '~/features/identity/accounts.server'
import { ResetPasswordSchema } from '~/features/identity/schemas'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { hashToken } from '~/features/identity/tokens.server'
import { badRequest, parseForm } from '~/features/platform/forms.server'
import { clientIp } from '~/features/platform/http.server'
import { RATE_LIMITS, hitRateLimit } from '~/features/platform/rate-limit.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.reset.title')

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? '') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ResetPasswordSchema)
  if (!parsed.ok) return parsed.response
  const token = params.token ?? ''
  // Per source address and per link, before anything is looked up or hashed.
  for (const [rule, subject] of [
    [RATE_LIMITS.passwordResetSubmit, clientIp(request, context)],
    [RATE_LIMITS.passwordResetToken, hashToken(token)],
  ] as const) {
    const limit = await hitRateLimit(rule, subject)
    if (!limit.allowed) {
      return badRequest(parsed.form, {}, { status: 429, formError: 'errors.rateLimited', formErrorParams: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } })
    }
  }
  try {
    await resetPassword(token, parsed.data.password)
  } catch (error) {
    if (error instanceof AccountError) return badRequest(parsed.form, {}, { formError: error.code })
    throw error
  }
  return redirect('/login', { headers: { 'Set-Cookie': await flash(request, { key: 'auth.reset.done', kind: 'success' }) } })
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('auth.reset.title')}</h1>
      {usable ? (
        <Form method="post" className="form panel" noValidate>
          <ErrorSummary state={state} />
          <TextField name="password" type="password" label={t('account.newPassword')} hint={t('auth.signup.passwordHint')} autoComplete="new-password" required state={state} />
          <TextField name="passwordConfirm" type="password" label={t('auth.field.passwordConfirm')} autoComplete="new-password" required state={state} />
          <div>
            <SubmitButton>{t('auth.reset.submit')}</SubmitButton>
          </div>
        </Form>
      ) : (
        <p className="panel">
          {t('auth.reset.invalid')} <Link to="/forgot-password">{t('auth.forgot.title')}</Link>
        </p>
      )}
    </section>
  )
}
