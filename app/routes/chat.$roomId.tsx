import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { caseUrl } from '~/features/cases/codes'
import { ChatRoom } from '~/features/chat/ChatRoom'
import { deleteMessage, editMessage, listRevisions, messagesBefore, postMessage, redactMessageForm } from '~/features/chat/conversation.server'
import { ChatError, rethrowAsResponse } from '~/features/chat/errors'
import { MembersPanel, RevisionsPanel, SettingsPanel } from '~/features/chat/RoomPanels'
import { inviteCandidates, inviteMembers, listMembers, markRead, removeMember, requireRoomAccess, updateRoomSettings } from '~/features/chat/rooms.server'
import { RoomActionSchema } from '~/features/chat/schemas'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { describeFindings } from '~/features/privacy/findings'
import { flash } from '~/features/platform/flash.server'
import { badRequest, formValues, parseFormData } from '~/features/platform/forms.server'
import { isUuid, notFound } from '~/features/platform/http.server'
import { dataTitle } from '~/features/platform/meta'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.room.title)

function positiveInt(value: string | null): number | null {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const roomId = params.roomId
  if (!isUuid(roomId)) notFound()
  const access = await requireRoomAccess(user, roomId).catch(rethrowAsResponse)
  const url = new URL(request.url)
  const before = positiveInt(url.searchParams.get('before'))
  const revisionsSeq = positiveInt(url.searchParams.get('revisions'))
  const [page, members, candidates, revisions] = await Promise.all([
    messagesBefore(roomId, before),
    listMembers(roomId),
    access.canInvite ? inviteCandidates(roomId) : Promise.resolve([]),
    revisionsSeq && access.canModerate ? listRevisions(user, roomId, revisionsSeq) : Promise.resolve(null),
  ])
  if (!before && access.member) await markRead(user, roomId, access.room.lastSeq)
  return {
    room: {
      id: access.room.id,
      title: access.room.title,
      scheduledAt: access.room.scheduledAt,
      closedAt: access.room.closedAt,
      erasedAt: access.room.erasedAt,
      retentionDays: access.room.retentionDays,
    },
    linkedCase: access.linkedCase ? { code: access.linkedCase.code, title: access.linkedCase.title, url: caseUrl(access.linkedCase.code) } : null,
    meId: user.id,
    messages: page.messages,
    more: page.more,
    olderPage: before !== null,
    members,
    candidates,
    revisions: revisions && revisionsSeq ? { seq: revisionsSeq, list: revisions } : null,
    isMember: !!access.member,
    canInvite: access.canInvite,
    canModerate: access.canModerate,
    canWrite: access.canWrite,
    editSeq: positiveInt(url.searchParams.get('edit')),
    clientId: crypto.randomUUID(),
  }
}

/** A refused message comes back as the form with the text and the findings (422), nothing stored. */
function chatRefusal(form: FormData, error: ChatError) {
  const values = formValues(form)
  if (error.code === 'chat.error.privacy' && error.details.findings) {
    const findings = error.details.findings
    return data(
      {
        ok: false as const,
        fieldErrors: { body: ['privacy.field.hasFindings'] },
        formError: 'privacy.blocked',
        formErrorParams: { count: findings.length },
        values,
        privacy: { fields: { body: describeFindings(error.details.text ?? values.body ?? '', findings) }, canOverride: false, redacted: false },
      },
      { status: 422 },
    )
  }
  const field = ['chat.error.empty', 'chat.error.tooLong', 'chat.error.rateLimited'].includes(error.code) ? 'body' : '_form'
  return badRequest(form, { [field]: [error.code] }, { formError: error.code, formErrorParams: { seconds: error.details.retryAfterSeconds ?? 0 }, status: error.status })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const roomId = params.roomId
  if (!isUuid(roomId)) notFound()
  const form = await request.formData()
  const parsed = parseFormData(form, RoomActionSchema)
  if (!parsed.ok) return parsed.response
  const input = parsed.data
  const here = `/chat/${roomId}`
  try {
    switch (input.intent) {
      case 'post': {
        const { message } = await postMessage(user, roomId, { body: input.body, clientId: input.clientId })
        return redirect(`${here}#m${message.seq}`)
      }
      case 'redact':
        return redactMessageForm(user, roomId, form)
      case 'edit': {
        const message = await editMessage(user, roomId, input.seq, input.body)
        return redirect(`${here}#m${message.seq}`)
      }
      case 'delete':
        await deleteMessage(user, roomId, input.seq)
        return redirect(`${here}#m${input.seq}`)
      case 'invite': {
        const added = await inviteMembers(user, roomId, input.userIds)
        return redirect(here, { headers: { 'Set-Cookie': await flash(request, { key: 'chat.members.invited', params: { count: added }, kind: 'success' }) } })
      }
      case 'remove':
        await removeMember(user, roomId, input.userId)
        return redirect(here, { headers: { 'Set-Cookie': await flash(request, { key: 'common.saved', kind: 'success' }) } })
      case 'leave':
        await removeMember(user, roomId, user.id)
        return redirect('/chat', { headers: { 'Set-Cookie': await flash(request, { key: 'chat.members.left', kind: 'info' }) } })
      case 'settings':
        await updateRoomSettings(user, roomId, { retentionDays: input.retentionDays, closed: input.closed === 'on' })
        return redirect(here, { headers: { 'Set-Cookie': await flash(request, { key: 'common.saved', kind: 'success' }) } })
    }
  } catch (error) {
    if (error instanceof ChatError && error.status !== 403 && error.status !== 404) return chatRefusal(form, error)
    rethrowAsResponse(error)
  }
}

export default function ChatRoomPage() {
  const d = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, dateTime } = useT()
  const composerState = state && 'values' in state && (state.values?.intent === 'post' || state.values?.intent === 'redact') ? state : null
  const memberState = state && 'values' in state && state.values?.intent === 'invite' ? state : null
  return (
    <article className="chat-page" aria-labelledby="chat-room-title">
      <p className="breadcrumbs">
        <Link to="/chat">{t('nav.chat')}</Link>
      </p>
      <h1 id="chat-room-title">{d.room.title}</h1>
      <div className="row muted">
        {d.linkedCase ? (
          <span>
            {t('chat.room.case')} <Link to={d.linkedCase.url}>{d.linkedCase.code} — {d.linkedCase.title ?? t('cases.hidden.title')}</Link>
          </span>
        ) : (
          <span className="tag">{t('chat.room.standalone')}</span>
        )}
        {d.room.scheduledAt ? <span>{t('chat.room.scheduled', { at: dateTime(d.room.scheduledAt) })}</span> : null}
        {d.room.closedAt ? <span className="status">{t('chat.room.closed')}</span> : null}
        {!d.isMember ? <span className="status status-warn">{t('chat.room.moderating')}</span> : null}
      </div>
      {state && 'formError' in state && state.formError && !composerState ? (
        <p className="error-summary" role="alert">
          {t(state.formError as 'errors.invalid')}
        </p>
      ) : null}
      <div className="chat-layout">
        <ChatRoom
          roomId={d.room.id}
          meId={d.meId}
          messages={d.messages}
          more={d.more}
          olderPage={d.olderPage}
          members={d.members}
          canModerate={d.canModerate}
          canWrite={d.canWrite && !d.room.erasedAt}
          editSeq={d.editSeq}
          clientId={d.clientId}
          state={composerState}
        />
        <aside className="chat-aside" aria-label={t('chat.room.details')}>
          {d.revisions ? <RevisionsPanel seq={d.revisions.seq} revisions={d.revisions.list} /> : null}
          {d.linkedCase && d.canWrite ? (
            <section className="panel" aria-labelledby="chat-minutes-title">
              <h2 id="chat-minutes-title">{t('chat.minutes.title')}</h2>
              <p>{t('chat.minutes.intro')}</p>
              <Link className="button" to={`/chat/${d.room.id}/minutes`}>
                {t('chat.minutes.write')}
              </Link>
            </section>
          ) : null}
          <MembersPanel meId={d.meId} isMember={d.isMember} canInvite={d.canInvite} members={d.members} candidates={d.candidates} state={memberState} />
          {d.canInvite ? <SettingsPanel retentionDays={d.room.retentionDays} closed={!!d.room.closedAt} isCaseRoom={!!d.linkedCase} /> : null}
        </aside>
      </div>
    </article>
  )
}
