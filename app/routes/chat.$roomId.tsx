import { redirect, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { caseUrl } from '~/features/cases/codes'
import { ChatRoom } from '~/features/chat/ChatRoom'
import {
  deleteMessage,
  editMessage,
  listRevisions,
  messagesBefore,
  postMessage,
  redactMessageForm,
} from '~/features/chat/conversation.server'
import { MEMBERS_HEADING_ID, MembersPanel, RevisionsPanel, SettingsPanel } from '~/features/chat/RoomPanels'
import {
  inviteCandidates,
  inviteMembers,
  listMembers,
  markRead,
  removeMember,
  requireRoomAccess,
  updateRoomSettings,
} from '~/features/chat/rooms.server'
import {
  DeleteSchema,
  EditSchema,
  InviteSchema,
  PostSchema,
  RemoveSchema,
  SettingsSchema,
} from '~/features/chat/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { queryInt, uuidParam } from '~/features/platform/params'
import { rethrowAsResponse } from '~/features/platform/refusal.server'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.room.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const roomId = uuidParam(params, 'roomId')
    const access = await requireRoomAccess(user, roomId).catch(rethrowAsResponse)
    const url = new URL(request.url)
    const before = queryInt(url, 'before') ?? null
    const revisionsSeq = queryInt(url, 'revisions')
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
      linkedCase: access.linkedCase
        ? { code: access.linkedCase.code, title: access.linkedCase.title, url: caseUrl(access.linkedCase.code) }
        : null,
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
      editSeq: queryInt(url, 'edit') ?? null,
      clientId: crypto.randomUUID(),
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const roomId = uuidParam(params, 'roomId')
    const here = `/chat/${roomId}`
    return runIntent(await request.formData(), {
      post: intent(PostSchema, async ({ body, clientId }) => {
        const { message } = await postMessage(user, roomId, { body, clientId })
        return redirect(`${here}#m${message.seq}`)
      }),
      redact: intent(NO_INPUT, (_, form) => redactMessageForm(user, roomId, form)),
      edit: intent(EditSchema, async ({ seq, body }) => {
        const message = await editMessage(user, roomId, seq, body)
        return redirect(`${here}#m${message.seq}`)
      }),
      delete: intent(DeleteSchema, async ({ seq }) => {
        await deleteMessage(user, roomId, seq)
        return redirect(`${here}#m${seq}`)
      }),
      invite: intent(InviteSchema, async ({ userIds }) => {
        const added = await inviteMembers(user, roomId, userIds)
        return redirectWithFlash(request, here, { key: 'chat.members.invited', params: { count: added } })
      }),
      remove: intent(RemoveSchema, async ({ userId }) => {
        await removeMember(user, roomId, userId)
        return redirectWithFlash(request, `${here}#${MEMBERS_HEADING_ID}`, { key: 'common.saved' })
      }),
      leave: intent(NO_INPUT, async () => {
        await removeMember(user, roomId, user.id)
        return redirectWithFlash(request, '/chat', { key: 'chat.members.left', kind: 'info' })
      }),
      settings: intent(SettingsSchema, async ({ retentionDays, closed }) => {
        await updateRoomSettings(user, roomId, { retentionDays, closed: closed === 'on' })
        return redirectWithFlash(request, here, { key: 'common.saved' })
      }),
    })
  })

export default function ChatRoomPage() {
  const d = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, dateTime } = useT()
  const composerState =
    state && 'values' in state && (state.values?.intent === 'post' || state.values?.intent === 'redact') ? state : null
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
            {t('chat.room.case')}{' '}
            <Link to={d.linkedCase.url}>
              {d.linkedCase.code} — {d.linkedCase.title ?? t('cases.hidden.title')}
            </Link>
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
          <MembersPanel
            meId={d.meId}
            isMember={d.isMember}
            canInvite={d.canInvite}
            members={d.members}
            candidates={d.candidates}
            state={memberState}
          />
          {d.canInvite ? (
            <SettingsPanel
              retentionDays={d.room.retentionDays}
              closed={!!d.room.closedAt}
              isCaseRoom={!!d.linkedCase}
            />
          ) : null}
        </aside>
      </div>
    </article>
  )
}

export const ErrorBoundary = routeErrorBoundary('chat')
