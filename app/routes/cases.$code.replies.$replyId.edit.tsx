import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { PostForm, SubmitButton } from '~/components/forms'
import { RichTextEditor } from '~/components/RichTextEditor'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { editCaseReply } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { getReplyForEdit, redactReplyForm } from '~/features/cases/replies.server'
import { ReplyFindings } from '~/features/cases/ReplyFindings'
import { ReplyEditSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { renderDocMentions } from '~/features/identity/mentions.server'
import { signedIn, type RouteArgs, type SessionUser } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam, uuidParam } from '~/features/platform/params'
import { readPrivacyOverride } from '~/features/privacy/guard.server'
import { useLiveTexts } from '~/features/privacy/PrivacyFindings'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.replies.editTitle', { number: args.data?.number ?? '', code: args.data?.code ?? '' })

function load(user: SessionUser, params: LoaderFunctionArgs['params']) {
  return getReplyForEdit(user, routeParam(params, 'code'), uuidParam(params, 'replyId'))
}

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { thread, reply } = await load(user, params)
    const [bodyDoc] = await renderDocMentions([reply.bodyDoc])
    return { code: thread.code, number: reply.number, bodyDoc }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const { thread, reply } = await load(user, params)
    return runIntent(await request.formData(), {
      redact: intent(NO_INPUT, (_, form) => redactReplyForm(user, form)),
      default: intent(ReplyEditSchema, async ({ body }, form) => {
        const saved = await editCaseReply(
          user,
          thread.code,
          reply.id,
          { body },
          { privacyOverride: readPrivacyOverride(form) },
        )
        return redirectWithFlash(request, saved.url, { key: 'cases.replies.edited' })
      }),
    })
  })

export default function EditReply() {
  const { code, number, bodyDoc } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const { liveTexts, report } = useLiveTexts(state)
  return (
    <section className="case-form-page">
      <CasePageHeader code={code} title={t('cases.replies.editTitle', { number, code })} />
      <PostForm className="form panel" state={state}>
        <RichTextEditor
          key={`body-${state?.privacy?.nonce ?? 0}`}
          name="body"
          label={t('cases.field.reply')}
          defaultDoc={bodyDoc}
          state={state}
          required
          rows={8}
          onTextChange={report('body')}
        />
        <div className="row">
          <SubmitButton name="intent" value="save">
            {t('common.save')}
          </SubmitButton>
          <Link to={caseUrl(code, { reply: number })}>{t('common.cancel')}</Link>
        </div>
        <ReplyFindings state={state} liveTexts={liveTexts} />
      </PostForm>
    </section>
  )
}
