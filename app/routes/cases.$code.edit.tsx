import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { CaseForm } from '~/features/cases/CaseForm'
import { getCaseForEdit, listInstitutionChoices, updateCase } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { CaseSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { requireUser } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactSubmission } from '~/features/privacy/guard.server'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.edit.title', { code: args.data?.thread.code ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
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
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const thread = await getCaseForEdit(user, routeParam(params, 'code'))
  return runIntent(await request.formData(), {
    redact: intent(NO_INPUT, (_, form) => redactSubmission(form, ['title', 'description'], user)),
    default: intent(CaseSchema, async (input, form) => {
      await updateCase(user, thread.code, input, { privacyOverride: readPrivacyOverride(form) })
      return redirectWithFlash(request, caseUrl(thread.code), { key: 'cases.updated' })
    }),
  })
}

export default function EditCase() {
  const { thread, institutions } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="case-form-page">
      <p className="breadcrumbs">
        <Link to="/cases">{t('cases.title')}</Link> / <Link to={caseUrl(thread.code)}>{thread.code}</Link>
      </p>
      <h1>{t('cases.edit.title', { code: thread.code })}</h1>
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

export const ErrorBoundary = routeErrorBoundary({
  notFound: 'cases.notFound',
  back: { to: '/cases', label: 'cases.backToList' },
})
