import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'

import { FormSubmit, PostForm } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { requestPasswordReset } from '~/features/identity/accounts.server'
import { EmailField } from '~/features/identity/AuthFields'
import { ForgotPasswordSchema } from '~/features/identity/schemas'
import { intent, runIntent } from '~/features/platform/forms.server'
import { clientIp } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { RATE_LIMITS, requireWithinRateLimit } from '~/features/platform/rate-limit.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.forgot.title')

export async function action({ request, context }: ActionFunctionArgs) {
  return runIntent(await request.formData(), {
    default: intent(ForgotPasswordSchema, async ({ email }) => {
      await requireWithinRateLimit(RATE_LIMITS.passwordReset, clientIp(request, context))
      await requestPasswordReset(email)
      return { ok: true as const }
    }),
  })
}

export default function ForgotPassword() {
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('auth.forgot.title')}</h1>
      {state?.ok ? (
        <p role="status" className="panel">
          {t('auth.forgot.done')}
        </p>
      ) : (
        <>
          <p className="muted">{t('auth.forgot.intro')}</p>
          <PostForm className="form panel" state={state}>
            <EmailField />
            <FormSubmit>{t('auth.forgot.submit')}</FormSubmit>
          </PostForm>
        </>
      )}
    </section>
  )
}
