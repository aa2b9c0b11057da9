import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { ErrorSummary, SubmitButton } from '~/components/forms'
import { RichTextEditor } from '~/components/RichTextEditor'
import { CaseError, redactReplyForm } from '~/features/cases/cases.server'
import { messagesBefore } from '~/features/chat/conversation.server'
import { ChatError, rethrowAsResponse } from '~/features/chat/errors'
import { MINUTES_MAX_MESSAGES, postMinutes } from '~/features/chat/minutes.server'
import { requireRoomAccess } from '~/features/chat/rooms.server'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { PrivacyBlockedError, privacyRefusal, readPrivacyOverride } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'
import { flash } from '~/features/platform/flash.server'
import { badRequest } from '~/features/platform/forms.server'
import { isUuid, notFound } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { readRichText } from '~/features/richtext/form.server'

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'chat.minutes.pageTitle', { room: args.data?.room.title ?? '' })

async function requireCaseRoom(request: Request, roomId: string | undefined) {
  const user = await requireUser(request)
  if (!isUuid(roomId)) notFound()
  const access = await requireRoomAccess(user, roomId).catch(rethrowAsResponse)
  if (!access.linkedCase) notFound()
  return { user, access, roomId }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, roomId } = await requireCaseRoom(request, params.roomId)
  const { messages, more } = await messagesBefore(roomId, null, MINUTES_MAX_MESSAGES)
  return {
    room: { id: roomId, title: access.room.title },
    linkedCase: { code: access.linkedCase!.code, title: access.linkedCase!.title },
    messages: messages.filter((m) => !m.deletedAt),
    /** The conference is longer than the minutes can quote: "all" means the latest messages. */
    truncated: more,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, roomId } = await requireCaseRoom(request, params.roomId)
  const form = await request.formData()
  if (form.get('intent') === 'redact') return redactReplyForm(user, form, 'summary')
  const summary = readRichText(form, 'summary')
  if (!summary.ok) return badRequest(form, { summary: [summary.problem.key] })
  if (!summary.value) return badRequest(form, { summary: ['errors.required'] })
  const seqs = form.get('all') === 'on' ? ('all' as const) : form.getAll('seq').map(Number).filter((n) => Number.isInteger(n) && n > 0)
  if (seqs !== 'all' && seqs.length > MINUTES_MAX_MESSAGES) {
    return badRequest(form, { seq: ['chat.minutes.tooMany'] }, { formError: 'chat.minutes.tooMany', formErrorParams: { max: MINUTES_MAX_MESSAGES } })
  }
  // Kept so a refused form comes back with the same messages ticked (a repeated field keeps only one value).
  form.set('seqList', seqs === 'all' ? '' : seqs.join(','))
  try {
    const reply = await postMinutes(user, roomId, { doc: summary.value.doc, seqs }, readPrivacyOverride(form))
    return redirect(reply.url, { headers: { 'Set-Cookie': await flash(request, { key: 'chat.minutes.posted', kind: 'success' }) } })
  } catch (error) {
    // The guard checked the whole minutes (summary and quotes): findings come back with the form.
    if (error instanceof PrivacyBlockedError) return privacyRefusal(form, error, user)
    if (error instanceof CaseError || error instanceof ChatError) return badRequest(form, {}, { formError: error.code })
    throw error
  }
}

export default function MinutesPage() {
  const { room, linkedCase, messages, truncated } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, time } = useT()
  const [text, setText] = useState<string | undefined>(undefined)
  const chosen = new Set((state?.values?.seqList ?? '').split(',').filter(Boolean).map(Number))
  return (
    <section className="narrow-wide">
      <p className="breadcrumbs">
        <Link to="/chat">{t('nav.chat')}</Link> › <Link to={`/chat/${room.id}`}>{room.title}</Link>
      </p>
      <h1>{t('chat.minutes.pageTitle', { room: room.title })}</h1>
      <p className="muted">
        {t('chat.room.case')} {linkedCase.code} — {linkedCase.title ?? t('cases.hidden.title')}
      </p>
      <Form method="post" className="form panel" noValidate>
        <ErrorSummary state={state} />
        <RichTextEditor
          name="summary"
          label={t('chat.minutes.summary')}
          hint={t('chat.minutes.summaryHint')}
          defaultText={t('chat.minutes.template')}
          required
          state={state}
          rows={10}
          onTextChange={setText}
        />
        <PrivacyFindings state={state} fieldLabels={{ body: t('chat.minutes.summary'), summary: t('chat.minutes.summary') }} liveTexts={text !== undefined ? { summary: text } : undefined} />
        <fieldset className="chat-minutes-messages">
          <legend>{t('chat.minutes.messages')}</legend>
          <p className="field-hint">{t('chat.minutes.messagesHint')}</p>
          <div className="checkbox">
            <input type="checkbox" id="minutes-all" name="all" value="on" defaultChecked={state?.values?.all === 'on'} />
            <label htmlFor="minutes-all">{truncated ? t('chat.minutes.allLatest', { max: MINUTES_MAX_MESSAGES }) : t('chat.minutes.all')}</label>
          </div>
          <ul className="chat-minutes-list">
            {messages.map((m) => (
              <li key={m.seq} className="checkbox">
                <input type="checkbox" id={`minutes-${m.seq}`} name="seq" value={m.seq} defaultChecked={chosen.has(m.seq)} />
                <label htmlFor={`minutes-${m.seq}`}>
                  <span className="muted">
                    {time(m.createdAt)} · {m.authorName}:
                  </span>{' '}
                  {m.body}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="row">
          <SubmitButton>{t('chat.minutes.submit')}</SubmitButton>
          <Link to={`/chat/${room.id}`}>{t('common.cancel')}</Link>
        </div>
      </Form>
    </section>
  )
}
