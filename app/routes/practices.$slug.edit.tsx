import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { keepCheckboxGroups, PRACTICE_TEXT_FIELDS, practiceWriteFailure, readPracticeForm } from '~/features/practices/form.server'
import { PracticeForm } from '~/features/practices/PracticeForm'
import { getPracticeForEdit, updatePractice } from '~/features/practices/practices.server'
import { flash } from '~/features/platform/flash.server'
import { pageTitle } from '~/features/platform/meta'
import { redactSubmission } from '~/features/privacy/guard.server'

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'practices.editTitle', { title: args.data?.practice.title ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const view = await getPracticeForEdit(user, params.slug ?? '')
  return { practice: view.practice, caseCodes: view.caseCodes.filter((c) => c !== view.practice.sourceCaseCode) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  if (form.get('intent') === 'redact') return keepCheckboxGroups(redactSubmission(form, PRACTICE_TEXT_FIELDS, user), form)
  const parsed = readPracticeForm(form)
  if (!parsed.ok) return parsed.response
  try {
    const saved = await updatePractice(user, params.slug ?? '', parsed.input, { privacyOverride: parsed.privacyOverride })
    return redirect(`/practices/${saved.slug}`, { headers: { 'Set-Cookie': await flash(request, { key: 'practices.flash.updated', kind: 'success' }) } })
  } catch (error) {
    return practiceWriteFailure(error, form, user)
  }
}

export default function EditPractice() {
  const { practice: p, caseCodes } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="practice-editor">
      <p>
        <Link to={`/practices/${p.slug}`}>← {p.title}</Link>
      </p>
      <h1>{t('practices.editTitle', { title: p.title })}</h1>
      <PracticeForm
        defaults={{ ...p, sections: p.sections, sectionTexts: p.sectionTexts, caseCodes, sourceCaseCode: null, version: p.version }}
        state={state}
        submitLabel={p.status === 'draft' ? t('practices.save') : t('practices.saveChanges')}
      />
    </section>
  )
}
