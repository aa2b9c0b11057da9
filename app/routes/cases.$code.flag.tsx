import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FLAG_REASONS } from '../../db/schema/cases'
import { ErrorSummary, SelectField, SubmitButton, TextAreaField } from '~/components/forms'
import { getCaseForActor } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { caseWriteFailure } from '~/features/cases/form.server'
import { flagPost } from '~/features/cases/moderation.server'
import { FlagSchema } from '~/features/cases/schemas'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { parseForm } from '~/features/platform/forms.server'
import { isUuid } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.flag.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'case:flag')
  const thread = await getCaseForActor(user, params.code ?? '')
  const replyId = new URL(request.url).searchParams.get('reply')
  return { code: thread.code, title: thread.title, replyId: isUuid(replyId) ? replyId : '' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = await parseForm(request, FlagSchema)
  if (!parsed.ok) return parsed.response
  try {
    const thread = await getCaseForActor(user, params.code ?? '')
    await flagPost(user, thread.code, parsed.data)
    return redirect(caseUrl(thread.code), { headers: { 'Set-Cookie': await flash(request, { key: 'cases.flag.sent', kind: 'success' }) } })
  } catch (error) {
    return caseWriteFailure(error, parsed.form, user)
  }
}

export default function FlagPost() {
  const { code, title, replyId } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk } = useT()
  return (
    <section className="narrow">
      <p className="breadcrumbs">
        <Link to="/cases">{t('cases.title')}</Link> / <Link to={caseUrl(code)}>{code}</Link>
      </p>
      <h1>{t('cases.flag.title')}</h1>
      <p className="muted">
        {code} {title ?? t('cases.hidden.title')}
      </p>
      <Form method="post" className="form panel" noValidate>
        <ErrorSummary state={state} />
        <input type="hidden" name="replyId" value={state?.values?.replyId ?? replyId} />
        <SelectField name="reason" label={t('cases.field.flagReason')} required state={state} placeholder="" options={FLAG_REASONS.map((r) => ({ value: r, label: tk(`cases.flag.reason.${r}`) }))} />
        <TextAreaField name="note" label={t('cases.field.flagNote')} state={state} maxLength={500} rows={3} />
        <div className="row">
          <SubmitButton>{t('cases.flag.submit')}</SubmitButton>
          <Link to={caseUrl(code)}>{t('common.cancel')}</Link>
        </div>
      </Form>
    </section>
  )
}
