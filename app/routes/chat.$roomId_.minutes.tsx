import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { checkedValues, DefaultSubmit, ErrorSummary, SubmitButton } from '~/components/forms'
import { RichTextEditor } from '~/components/RichTextEditor'
import { routeErrorBoundary } from '~/components/RouteError'
import { minutesActionOwners, sofiaToday } from '~/features/actions/actions.server'
import { oneMoreActionRow } from '~/features/actions/intents.server'
import { MinutesActionRows } from '~/features/actions/MinutesActionRows'
import { MINUTES_ACTION_TEXT_FIELDS, MinutesActionsSchema } from '~/features/actions/schemas'
import { redactReplyForm } from '~/features/cases/cases.server'
import { messagesBefore } from '~/features/chat/conversation.server'
import { MINUTES_MAX_MESSAGES, postMinutes } from '~/features/chat/minutes.server'
import { requireRoomAccess } from '~/features/chat/rooms.server'
import { MinutesSchema } from '~/features/chat/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs, type SessionUser } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { notFound } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { rethrowAsResponse } from '~/features/platform/refusal.server'
import { readPrivacyOverride } from '~/features/privacy/guard.server'
import { PrivacyFindings, useLiveTexts } from '~/features/privacy/PrivacyFindings'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'chat.minutes.pageTitle', { room: args.data?.room.title ?? '' })

async function requireCaseRoom(user: SessionUser, params: LoaderFunctionArgs['params']) {
  const roomId = uuidParam(params, 'roomId')
  const access = await requireRoomAccess(user, roomId).catch(rethrowAsResponse)
  if (!access.linkedCase) notFound()
  return { access, roomId }
}

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { access, roomId } = await requireCaseRoom(user, params)
    const { messages, more } = await messagesBefore(roomId, null, MINUTES_MAX_MESSAGES)
    return {
      /** The owners an agreed action may have; null when this person may not plan actions on the case. */
      actionOwners: await minutesActionOwners(user, access.linkedCase!.code),
      today: sofiaToday(),
      room: { id: roomId, title: access.room.title },
      linkedCase: { code: access.linkedCase!.code, title: access.linkedCase!.title },
      messages: messages.filter((m) => !m.deletedAt),
      /** The conference is longer than the minutes can quote: "all" means the latest messages. */
      truncated: more,
      // Constants of .server modules are not in the browser's bundle: the page gets them as data.
      maxMessages: MINUTES_MAX_MESSAGES,
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const { roomId } = await requireCaseRoom(user, params)
    return runIntent(await request.formData(), {
      redact: intent(NO_INPUT, (_, form) => redactReplyForm(user, form, ['summary', ...MINUTES_ACTION_TEXT_FIELDS])),
      'action-row': intent(NO_INPUT, (_, form) => oneMoreActionRow(form)),
      // The guard checks the whole minutes (summary, quotes and actions): findings come back with the form.
      default: intent(MinutesSchema.and(MinutesActionsSchema), async ({ summary, seqs, actions }, form) => {
        const reply = await postMinutes(user, roomId, { doc: summary.doc, seqs, actions }, readPrivacyOverride(form))
        return redirectWithFlash(request, reply.url, { key: 'chat.minutes.posted' })
      }),
    })
  })

export default function MinutesPage() {
  const { room, linkedCase, messages, truncated, maxMessages, actionOwners, today } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, time } = useT()
  const { liveTexts, report } = useLiveTexts(state)
  // The redact button's answer comes with a new nonce: the summary mounts again with the redacted text.
  const redactions = state && 'privacy' in state ? (state.privacy?.nonce ?? 0) : 0
  const chosen = new Set(checkedValues(state, 'seq', []))
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
        <DefaultSubmit>{t('chat.minutes.submit')}</DefaultSubmit>
        <ErrorSummary state={state} />
        <RichTextEditor
          key={`summary-${redactions}`}
          name="summary"
          label={t('chat.minutes.summary')}
          hint={t('chat.minutes.summaryHint')}
          defaultText={t('chat.minutes.template')}
          required
          state={state}
          rows={10}
          onTextChange={report('summary')}
        />
        <PrivacyFindings
          state={state}
          fieldLabels={{
            body: t('chat.minutes.summary'),
            summary: t('chat.minutes.summary'),
            ...Object.fromEntries(
              MINUTES_ACTION_TEXT_FIELDS.map((field, i) => [field, t('actions.minutes.row', { row: i + 1 })]),
            ),
          }}
          liveTexts={liveTexts}
        />
        {actionOwners ? (
          <MinutesActionRows
            owners={actionOwners}
            today={today}
            state={state}
            addedRow={state && 'actionRows' in state ? state.actionRows : undefined}
            redactions={redactions}
          />
        ) : null}
        <fieldset className="chat-minutes-messages">
          <legend>{t('chat.minutes.messages')}</legend>
          <p className="field-hint">{t('chat.minutes.messagesHint')}</p>
          <div className="checkbox">
            <input
              type="checkbox"
              id="minutes-all"
              name="all"
              value="on"
              defaultChecked={state?.values?.all === 'on'}
            />
            <label htmlFor="minutes-all">
              {truncated ? t('chat.minutes.allLatest', { max: maxMessages }) : t('chat.minutes.all')}
            </label>
          </div>
          <ul className="chat-minutes-list">
            {messages.map((m) => (
              <li key={m.seq} className="checkbox">
                <input
                  type="checkbox"
                  id={`minutes-${m.seq}`}
                  name="seq"
                  value={m.seq}
                  defaultChecked={chosen.has(String(m.seq))}
                />
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

export const ErrorBoundary = routeErrorBoundary('chat')
