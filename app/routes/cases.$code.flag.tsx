import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { PostForm, SelectField, SubmitButton, TextAreaField } from '~/components/forms'
import { routeErrorBoundary } from '~/components/RouteError'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { getCaseForActor } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { flagPost } from '~/features/cases/moderation.server'
import { FlagSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { queryUuid, routeParam } from '~/features/platform/params'
import { FLAG_REASONS } from '../../db/schema/cases'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.flag.title')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'case:flag', async ({ user, request, params }) => {
    const thread = await getCaseForActor(user, routeParam(params, 'code'))
    return { code: thread.code, title: thread.title, replyId: queryUuid(new URL(request.url), 'reply') ?? '' }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const code = routeParam(params, 'code')
    return runIntent(await request.formData(), {
      default: intent(FlagSchema, async (input) => {
        const thread = await getCaseForActor(user, code)
        await flagPost(user, thread.code, input)
        return redirectWithFlash(request, caseUrl(thread.code), { key: 'cases.flag.sent' })
      }),
    })
  })

export default function FlagPost() {
  const { code, title, replyId } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, enumOptions } = useT()
  return (
    <section className="narrow">
      <CasePageHeader code={code} title={t('cases.flag.title')} />
      <p className="muted">
        {code} {title ?? t('cases.hidden.title')}
      </p>
      <PostForm className="form panel" state={state} schema={FlagSchema}>
        <input type="hidden" name="replyId" value={state?.values?.replyId ?? replyId} />
        <SelectField
          name="reason"
          label={t('cases.field.flagReason')}
          placeholder=""
          options={enumOptions(FLAG_REASONS, 'cases.flag.reason')}
        />
        <TextAreaField name="note" label={t('cases.field.flagNote')} rows={3} />
        <div className="row">
          <SubmitButton>{t('cases.flag.submit')}</SubmitButton>
          <Link to={caseUrl(code)}>{t('common.cancel')}</Link>
        </div>
      </PostForm>
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('cases')
