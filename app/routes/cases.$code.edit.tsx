import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { CaseForm } from '~/features/cases/CaseForm'
import { getCaseForEdit, listInstitutionChoices, updateCase } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { caseWriteFailure, readCaseForm } from '~/features/cases/form.server'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { pageTitle } from '~/features/platform/meta'
import { redactSubmission } from '~/features/privacy/guard.server'

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'cases.edit.title', { code: args.data?.thread.code ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const thread = await getCaseForEdit(user, params.code ?? '')
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
  const thread = await getCaseForEdit(user, params.code ?? '')
  const form = await request.formData()
  if (form.get('intent') === 'redact') return redactSubmission(form, ['title', 'description'], user)
  const parsed = readCaseForm(form)
  if (!parsed.ok) return parsed.response
  try {
    await updateCase(user, thread.code, parsed.input, { privacyOverride: parsed.privacyOverride })
    return redirect(caseUrl(thread.code), { headers: { 'Set-Cookie': await flash(request, { key: 'cases.updated', kind: 'success' }) } })
  } catch (error) {
    return caseWriteFailure(error, form, user)
  }
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
      <CaseForm state={state} defaults={thread} institutions={institutions} ownInstitutionId={thread.institutionId} submitLabel={t('cases.edit.submit')} />
    </section>
  )
}
