import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { FormSubmit, PostForm } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { isResetTokenUsable, resetPassword } from '~/features/identity/accounts.server'
import { NewPasswordFields } from '~/features/identity/AuthFields'
import { ResetPasswordSchema } from '~/features/identity/schemas'
import { hashToken } from '~/features/identity/tokens.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { clientIp } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { RATE_LIMITS, requireWithinRateLimit } from '~/features/platform/rate-limit.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.reset.title')

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(routeParam(params, 'token')) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = routeParam(params, 'token')
  return runIntent(await request.formData(), {
    default: intent(ResetPasswordSchema, async ({ password }) => {
      // Per source address and per link, before anything is looked up or hashed.
      await requireWithinRateLimit(RATE_LIMITS.passwordResetSubmit, clientIp(request, context))
      await requireWithinRateLimit(RATE_LIMITS.passwordResetToken, hashToken(token))
      await resetPassword(token, password)
      return redirectWithFlash(request, '/login', { key: 'auth.reset.done' })
    }),
  })
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('auth.reset.title')}</h1>
      {usable ? (
        <PostForm className="form panel" state={state}>
          <NewPasswordFields label={t('account.newPassword')} />
          <FormSubmit>{t('auth.reset.submit')}</FormSubmit>
        </PostForm>
      ) : (
        <p className="panel">
          {t('auth.reset.invalid')} <Link to="/forgot-password">{t('auth.forgot.title')}</Link>
        </p>
      )}
    </section>
  )
}
