import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { CaseForm } from '~/features/cases/CaseForm'
import { createCase, listInstitutionChoices } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { CaseSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.new.title')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'case:create', async ({ user }) => ({
    institutions: await listInstitutionChoices(),
    ownInstitutionId: user.institutionId,
  }))

export const action = (args: RouteArgs) =>
  signedInWith(args, 'case:create', async ({ user, request }) => {
    return runIntent(await request.formData(), {
      redact: redactIntent(['title', 'description'], user),
      default: intent(CaseSchema, async (input, form) => {
        const created = await createCase(user, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, caseUrl(created.code), {
          key: 'cases.created',
          params: { code: created.code },
        })
      }),
    })
  })

export default function NewCase() {
  const { institutions, ownInstitutionId } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="case-form-page">
      <h1>{t('cases.new.title')}</h1>
      <p>{t('cases.new.intro')}</p>
      <CaseForm
        state={state}
        institutions={institutions}
        ownInstitutionId={ownInstitutionId}
        submitLabel={t('cases.new.submit')}
      />
    </section>
  )
}
