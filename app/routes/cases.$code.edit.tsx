import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { CaseForm } from '~/features/cases/CaseForm'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { getCaseForEdit, listInstitutionChoices, updateCase } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { CaseSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.edit.title', { code: args.data?.thread.code ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const thread = await getCaseForEdit(user, routeParam(params, 'code'))
    return {
      thread: {
        code: thread.code,
        title: thread.title,
        descriptionDoc: thread.descriptionDoc,
        districtCode: thread.districtCode,
        ageBand: thread.ageBand,
        educationStage: thread.educationStage,
        tags: thread.tags,
        institutionIds: thread.institutionIds,
        institutionId: thread.institutionId,
      },
      institutions: await listInstitutionChoices(),
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const thread = await getCaseForEdit(user, routeParam(params, 'code'))
    return runIntent(await request.formData(), {
      redact: redactIntent(['title', 'description'], user),
      default: intent(CaseSchema, async (input, form) => {
        await updateCase(user, thread.code, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, caseUrl(thread.code), { key: 'cases.updated' })
      }),
    })
  })

export default function EditCase() {
  const { thread, institutions } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="case-form-page">
      <CasePageHeader code={thread.code} title={t('cases.edit.title', { code: thread.code })} />
      <CaseForm
        state={state}
        defaults={thread}
        institutions={institutions}
        ownInstitutionId={thread.institutionId}
        submitLabel={t('cases.edit.submit')}
      />
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('cases')
