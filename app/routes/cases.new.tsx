import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { CaseForm } from '~/features/cases/CaseForm'
import { createCase, listInstitutionChoices } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { caseWriteFailure, readCaseForm } from '~/features/cases/form.server'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { pageTitle } from '~/features/platform/meta'
import { redactSubmission } from '~/features/privacy/guard.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.new.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'case:create')
  return { institutions: await listInstitutionChoices(), ownInstitutionId: user.institutionId }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'case:create')
  const form = await request.formData()
  if (form.get('intent') === 'redact') return redactSubmission(form, ['title', 'description'], user)
  const parsed = readCaseForm(form)
  if (!parsed.ok) return parsed.response
  try {
    const created = await createCase(user, parsed.input, { privacyOverride: parsed.privacyOverride })
    return redirect(caseUrl(created.code), { headers: { 'Set-Cookie': await flash(request, { key: 'cases.created', params: { code: created.code }, kind: 'success' }) } })
  } catch (error) {
    return caseWriteFailure(error, form, user)
  }
}

export default function NewCase() {
  const { institutions, ownInstitutionId } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="case-form-page">
      <h1>{t('cases.new.title')}</h1>
      <p>{t('cases.new.intro')}</p>
      <CaseForm state={state} institutions={institutions} ownInstitutionId={ownInstitutionId} submitLabel={t('cases.new.submit')} />
    </section>
  )
}
