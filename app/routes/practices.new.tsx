import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { keepCheckboxGroups, PRACTICE_TEXT_FIELDS, practiceWriteFailure, readPracticeForm } from '~/features/practices/form.server'
import { practiceDraftFromCase } from '~/features/practices/from-case.server'
import { PracticeForm, type PracticeFormDefaults } from '~/features/practices/PracticeForm'
import { createPractice, PracticeError } from '~/features/practices/practices.server'
import { flash } from '~/features/platform/flash.server'
import { pageTitle } from '~/features/platform/meta'
import { redactSubmission } from '~/features/privacy/guard.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'practices.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'practice:create')
  const fromCase = new URL(request.url).searchParams.get('fromCase')
  if (!fromCase) return { defaults: {} as PracticeFormDefaults, fromCaseError: null }
  try {
    return { defaults: await practiceDraftFromCase(user, fromCase), fromCaseError: null }
  } catch (error) {
    if (error instanceof PracticeError) return { defaults: {} as PracticeFormDefaults, fromCaseError: error.code }
    throw error
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'practice:create')
  const form = await request.formData()
  if (form.get('intent') === 'redact') return keepCheckboxGroups(redactSubmission(form, PRACTICE_TEXT_FIELDS, user), form)
  const parsed = readPracticeForm(form)
  if (!parsed.ok) return parsed.response
  try {
    const created = await createPractice(user, parsed.input, { privacyOverride: parsed.privacyOverride })
    return redirect(`/practices/${created.slug}`, { headers: { 'Set-Cookie': await flash(request, { key: 'practices.flash.created', kind: 'success' }) } })
  } catch (error) {
    return practiceWriteFailure(error, form, user)
  }
}

export default function NewPractice() {
  const { defaults, fromCaseError } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk } = useT()
  return (
    <section className="practice-editor">
      <h1>{t('practices.newTitle')}</h1>
      {fromCaseError ? (
        <p className="error-summary" role="alert">
          {tk(fromCaseError)}
        </p>
      ) : null}
      {defaults.sourceCaseCode ? <p className="notice">{t('practices.fromCaseIntro', { code: defaults.sourceCaseCode })}</p> : null}
      <PracticeForm defaults={defaults} state={state} submitLabel={t('practices.create')} />
    </section>
  )
}
