import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'

import { FormSubmit, PostForm, TextField } from '~/components/forms'
import { PeoplePicker } from '~/features/chat/PeoplePicker'
import {
  createRoom,
  inviteCandidates,
  listMyRooms,
  listOtherRooms,
  type RoomSummary,
} from '~/features/chat/rooms.server'
import { CreateRoomSchema } from '~/features/chat/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'

export const meta: MetaFunction = (args) => pageTitle(args, 'chat.title')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'chat:use', async ({ user }) => {
    const [mine, others, candidates] = await Promise.all([
      listMyRooms(user),
      listOtherRooms(user),
      inviteCandidates(null),
    ])
    return { mine, others, candidates: candidates.filter((c) => c.id !== user.id) }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      redact: redactIntent(['title'], user),
      default: intent(CreateRoomSchema, async (input, form) => {
        const room = await createRoom(user, input, readPrivacyOverride(form))
        return redirectWithFlash(request, `/chat/${room.id}`, { key: 'chat.new.created' })
      }),
    }),
  )

function RoomList({ rooms, headingId }: { rooms: RoomSummary[]; headingId: string }) {
  const { t, tp, dateTime } = useT()
  return (
    <ul className="chat-room-list" aria-labelledby={headingId}>
      {rooms.map((room) => (
        <li key={room.id} className="card">
          <h3>
            <Link to={`/chat/${room.id}`}>{room.title}</Link>
            {room.unread ? <span className="badge badge-strong">{tp('chat.list.unread', room.unread)}</span> : null}
          </h3>
          <p className="row muted">
            {room.caseCode ? (
              <span className="tag">{room.caseCode}</span>
            ) : (
              <span className="tag">{t('chat.room.standalone')}</span>
            )}
            <span>{tp('chat.list.members', room.memberCount)}</span>
            {room.scheduledAt ? <span>{t('chat.room.scheduled', { at: dateTime(room.scheduledAt) })}</span> : null}
            <span>
              {room.lastMessageAt
                ? t('chat.list.lastActivity', { at: dateTime(room.lastMessageAt) })
                : t('chat.list.noActivity')}
            </span>
            {room.closedAt ? <span className="status">{t('chat.room.closed')}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  )
}

export default function ChatIndex() {
  const { mine, others, candidates } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useT()
  return (
    <section>
      <h1>{t('chat.title')}</h1>
      <p className="muted">{t('chat.intro')}</p>
      <div className="chat-index">
        <div>
          <h2 id="my-rooms">{t('chat.list.mine')}</h2>
          {mine.length ? (
            <RoomList rooms={mine} headingId="my-rooms" />
          ) : (
            <p className="panel">{t('chat.list.empty')}</p>
          )}
          {others.length ? (
            <>
              <h2 id="other-rooms">{t('chat.list.others')}</h2>
              <RoomList rooms={others} headingId="other-rooms" />
            </>
          ) : null}
        </div>
        <PostForm
          className="form panel"
          aria-labelledby="new-room"
          heading={
            <>
              <h2 id="new-room">{t('chat.new.title')}</h2>
              <p className="field-hint">{t('chat.new.intro')}</p>
            </>
          }
          state={state}
          schema={CreateRoomSchema}
        >
          <TextField name="title" label={t('chat.new.name')} hint={t('chat.new.nameHint')} />
          <PrivacyFindings
            state={state}
            fieldLabels={{ title: t('chat.new.name') }}
            headingLevel={3}
            idPrefix="room-privacy"
          />
          <TextField
            name="caseCode"
            label={t('chat.new.case')}
            hint={t('chat.new.caseHint')}
            defaultValue={params.get('case') ?? undefined}
          />
          <div className="row">
            <TextField name="scheduledDate" type="date" label={t('chat.new.date')} />
            <TextField name="scheduledTime" type="time" label={t('chat.new.time')} />
          </div>
          <PeoplePicker picker="newRoom" people={candidates} state={state} />
          <FormSubmit>{t('chat.new.submit')}</FormSubmit>
        </PostForm>
      </div>
    </section>
  )
}
