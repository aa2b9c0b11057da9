import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'

import { FormSubmit, PostForm, SelectField, TextAreaField, TextField } from '~/components/forms'
import { resolveLocale } from '~/features/i18n/locale.server'
import { useT } from '~/features/i18n/useT'
import { requestSignup } from '~/features/identity/accounts.server'
import { EmailField, NewPasswordFields } from '~/features/identity/AuthFields'
import { listInstitutions, listTeams } from '~/features/identity/organisation.server'
import { PositionFields } from '~/features/identity/PositionFields'
import { SignupSchema } from '~/features/identity/schemas'
import { getSessionUser } from '~/features/identity/session.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { clientIp } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { RATE_LIMITS, requireWithinRateLimit } from '~/features/platform/rate-limit.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.signup.title')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect('/')
  const [institutions, teams, locale] = await Promise.all([listInstitutions(), listTeams(), resolveLocale(request)])
  return { institutions, teams, locale }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return runIntent(await request.formData(), {
    default: intent(SignupSchema, async (input) => {
      await requireWithinRateLimit(RATE_LIMITS.signup, clientIp(request, context))
      await requestSignup(input)
      return redirect('/signup?sent=1')
    }),
  })
}

export default function Signup() {
  const { institutions, teams, locale } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t, tk } = useT()
  if (params.get('sent')) {
    return (
      <section className="narrow" aria-labelledby="sent-title">
        <h1 id="sent-title">{t('auth.signup.done.title')}</h1>
        <p role="status">{t('auth.signup.done.text')}</p>
      </section>
    )
  }
  return (
    <section className="narrow">
      <h1>{t('auth.signup.title')}</h1>
      <p className="muted">{t('auth.signup.intro')}</p>
      <PostForm className="form panel" state={state}>
        <TextField name="name" label={t('auth.field.name')} autoComplete="name" required />
        <EmailField />
        <NewPasswordFields label={t('auth.field.password')} />
        <SelectField
          name="institutionId"
          label={t('auth.field.institution')}
          required
          placeholder=""
          options={institutions.map((i) => ({ value: i.id, label: `${i.name} — ${tk(`institution.kind.${i.kind}`)}` }))}
        />
        <SelectField
          name="teamId"
          label={t('auth.field.team')}
          placeholder={t('auth.field.noTeam')}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
        />
        <PositionFields />
        <TextAreaField name="note" label={t('auth.field.note')} rows={3} />
        <input type="hidden" name="locale" value={locale} />
        <FormSubmit>{t('auth.signup.submit')}</FormSubmit>
      </PostForm>
    </section>
  )
}
