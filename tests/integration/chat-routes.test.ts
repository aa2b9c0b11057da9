import { randomUUID } from 'node:crypto'

import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { eraseExpiredConversations } from '../../app/features/chat/retention.server'
import { unreadChatCount } from '../../app/features/chat/rooms.server'
import { navBadges } from '../../app/features/platform/nav.server'
import { action as indexAction, loader as indexLoader } from '../../app/routes/chat._index'
import { action as roomAction, loader as roomLoader } from '../../app/routes/chat.$roomId'
import { action as minutesAction, loader as minutesLoader } from '../../app/routes/chat.$roomId_.minutes'
import { caseReplies, caseThreads, chatMembers, chatMessages, chatRooms, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { appendChatMessages, makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { db, findInEveryTable } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

async function staff(role: 'staff' | 'coordinator' = 'staff') {
  const user = await makeUser(db, { role })
  return {
    user,
    cookie: await sessionCookieFor(user.id),
    actor: { ...user, institutionName: '', locale: 'bg' as const },
  }
}

/** Letters only, so the privacy guard reads no number in them and the scan finds them nowhere else. */
const uniqueLetters = () => randomUUID().replace(/[^a-f]/g, '')

const roomArgs = (request: Request, roomId: string) => ({ request, params: { roomId }, context })

describe('/chat without JavaScript', () => {
  it('sends a signed-out visitor to the sign-in page', async () => {
    const result = await settle(() => indexLoader({ request: getRequest('/chat'), params: {}, context }))
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('location')).toContain('/login?redirectTo=%2Fchat')
  })

  it('opens a stand-alone room with invited members, who are notified', async () => {
    const a = await staff()
    const b = await staff()
    const result = await settle(() =>
      indexAction({
        request: formRequest(
          '/chat',
          {
            title: 'Работна група „Надежда“',
            memberIds: [b.user.id],
            scheduledDate: '2026-12-03',
            scheduledTime: '10:30',
          },
          { cookie: a.cookie },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(result)).toBe(302)
    const roomId = (result as Response).headers.get('location')!.split('/').pop()!
    const [room] = await db.select().from(chatRooms).where(eq(chatRooms.id, roomId))
    expect(room.scheduledAt?.toISOString()).toBe('2026-12-03T08:30:00.000Z')
    const members = await db.select().from(chatMembers).where(eq(chatMembers.roomId, roomId))
    expect(members.map((m) => m.userId).sort()).toEqual([a.user.id, b.user.id].sort())
    const [invite] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, b.user.id), eq(notifications.kind, 'chat.invite')))
    expect(invite.url).toBe(`/chat/${roomId}`)
  })

  it('keeps what was typed when the form is invalid, and only the case author or a coordinator opens a case room', async () => {
    const author = await staff()
    const other = await staff()
    const invalid = await indexAction({
      request: formRequest('/chat', { title: 'А', caseCode: '' }, { cookie: author.cookie }),
      params: {},
      context,
    })
    expect(statusOf(invalid)).toBe(400)
    expect(payloadOf<{ values: Record<string, string>; fieldErrors: Record<string, string[]> }>(invalid)).toMatchObject(
      { values: { title: 'А' }, fieldErrors: { title: ['errors.tooShort'] } },
    )

    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    const refused = await indexAction({
      request: formRequest(
        '/chat',
        { title: 'Конференция по случая', caseCode: thread.code },
        { cookie: other.cookie },
      ),
      params: {},
      context,
    })
    expect(statusOf(refused)).toBe(403)
    const unknown = await indexAction({
      request: formRequest(
        '/chat',
        { title: 'Конференция по случая', caseCode: 'С-1999-9999' },
        { cookie: author.cookie },
      ),
      params: {},
      context,
    })
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(unknown).fieldErrors.caseCode).toEqual([
      'chat.error.caseNotFound',
    ])
    const created = await settle(() =>
      indexAction({
        request: formRequest(
          '/chat',
          { title: 'Конференция по случая', caseCode: thread.code },
          { cookie: author.cookie },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(created)).toBe(302)
  })

  it('shows a room to members and coordinators only; a malformed id is a 404', async () => {
    const a = await staff()
    const outsider = await staff()
    const coordinator = await staff('coordinator')
    const room = await makeChatRoom(db, { memberIds: [a.user.id] })
    expect(
      statusOf(
        await settle(() => roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: outsider.cookie }), room.id))),
      ),
    ).toBe(403)
    expect(
      statusOf(await settle(() => roomLoader(roomArgs(getRequest('/chat/nope', { cookie: a.cookie }), 'nope')))),
    ).toBe(404)
    expect(
      statusOf(
        await settle(() =>
          roomLoader(roomArgs(getRequest(`/chat/${randomUUID()}`, { cookie: a.cookie }), randomUUID())),
        ),
      ),
    ).toBe(404)
    const asCoordinator = await roomLoader(
      roomArgs(getRequest(`/chat/${room.id}`, { cookie: coordinator.cookie }), room.id),
    )
    expect(asCoordinator.isMember).toBe(false)
    expect(asCoordinator.canModerate).toBe(true)
  })

  it('posts through a plain form; a resubmitted form is stored once; opening the room clears the unread count', async () => {
    const a = await staff()
    const b = await staff()
    const room = await makeChatRoom(db, { memberIds: [a.user.id, b.user.id] })
    const clientId = randomUUID()
    const post = () =>
      settle(() =>
        roomAction(
          roomArgs(
            formRequest(
              `/chat/${room.id}`,
              { intent: 'post', clientId, body: 'Ще посетим семейството в сряда.' },
              { cookie: a.cookie },
            ),
            room.id,
          ),
        ),
      )
    const first = await post()
    expect(statusOf(first)).toBe(302)
    expect((first as Response).headers.get('location')).toBe(`/chat/${room.id}#m1`)
    await post()
    expect(await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))).toHaveLength(1)

    expect(await unreadChatCount(b.user.id)).toBe(1)
    expect((await navBadges({ ...b.actor, email: b.user.email, name: b.user.name })).chat).toBe(1)
    const page = await roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: b.cookie }), room.id))
    expect(page.messages.map((m) => m.body)).toEqual(['Ще посетим семейството в сряда.'])
    expect(await unreadChatCount(b.user.id)).toBe(0)
  })

  it('refuses personal data with the findings and the text kept, and offers the redacted text', async () => {
    const a = await staff()
    const room = await makeChatRoom(db, { memberIds: [a.user.id] })
    const body = 'Майката е на 0888 123 456, обадете се следобед.'
    const refused = await roomAction(
      roomArgs(
        formRequest(`/chat/${room.id}`, { intent: 'post', clientId: randomUUID(), body }, { cookie: a.cookie }),
        room.id,
      ),
    )
    expect(statusOf(refused)).toBe(422)
    const payload = payloadOf<{
      values: Record<string, string>
      privacy: { fields: Record<string, { type: string; text: string }[]> }
    }>(refused)
    expect(payload.values.body).toBe(body)
    expect(payload.privacy.fields.body.map((f) => f.type)).toEqual(['phone'])
    expect(await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))).toHaveLength(0)

    const redacted = await roomAction(
      roomArgs(formRequest(`/chat/${room.id}`, { intent: 'redact', body }, { cookie: a.cookie }), room.id),
    )
    expect(payloadOf<{ values: Record<string, string> }>(redacted).values.body).toBe(
      'Майката е на [ТЕЛЕФОН], обадете се следобед.',
    )
  })

  it('edits and deletes through forms within 15 minutes; others cannot', async () => {
    const a = await staff()
    const b = await staff()
    const room = await makeChatRoom(db, { memberIds: [a.user.id, b.user.id] })
    await appendChatMessages(db, room.id, [{ authorId: a.user.id, body: 'Първи вариант' }])
    const byB = await roomAction(
      roomArgs(
        formRequest(`/chat/${room.id}`, { intent: 'edit', seq: '1', body: 'Чужда редакция' }, { cookie: b.cookie }),
        room.id,
      ),
    )
    expect(statusOf(byB)).toBe(400)
    expect(payloadOf<{ formError: string }>(byB).formError).toBe('chat.error.notAuthor')
    expect(
      statusOf(
        await settle(() =>
          roomAction(
            roomArgs(
              formRequest(
                `/chat/${room.id}`,
                { intent: 'edit', seq: '1', body: 'Втори вариант' },
                { cookie: a.cookie },
              ),
              room.id,
            ),
          ),
        ),
      ),
    ).toBe(302)
    expect(
      statusOf(
        await settle(() =>
          roomAction(
            roomArgs(formRequest(`/chat/${room.id}`, { intent: 'delete', seq: '1' }, { cookie: a.cookie }), room.id),
          ),
        ),
      ),
    ).toBe(302)
    const [row] = await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))
    expect(row.deletedAt).not.toBeNull()
    const page = await roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: b.cookie }), room.id))
    expect(page.messages[0]).toMatchObject({ body: '', seq: 1 })
  })

  it('a message deleted through the form leaves no text behind; the page, the revisions and the minutes show it deleted', async () => {
    const a = await staff()
    const b = await staff()
    const coordinator = await staff('coordinator')
    const thread = await makeCase(db, { authorId: a.user.id, institutionId: a.user.institutionId })
    const room = await makeChatRoom(db, { memberIds: [a.user.id, b.user.id], caseId: thread.id })
    const first = `проба${uniqueLetters()}`
    const second = `проба${uniqueLetters()}`
    const asA = (fields: Record<string, string>) =>
      settle(() => roomAction(roomArgs(formRequest(`/chat/${room.id}`, fields, { cookie: a.cookie }), room.id)))
    expect(statusOf(await asA({ intent: 'post', clientId: randomUUID(), body: `@${b.user.name} ${first}` }))).toBe(302)
    expect(statusOf(await asA({ intent: 'edit', seq: '1', body: `@${b.user.name} ${second}` }))).toBe(302)
    const stored = await findInEveryTable([first, second])
    expect(stored.some((hit) => hit.startsWith('chat_message_revisions:'))).toBe(true)

    expect(statusOf(await asA({ intent: 'delete', seq: '1' }))).toBe(302)
    expect(await findInEveryTable([first, second])).toEqual([])
    const page = await roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: b.cookie }), room.id))
    expect(page.messages).toMatchObject([{ seq: 1, body: '', mentions: [] }])
    expect(page.messages[0].deletedAt).not.toBeNull()
    const moderated = await roomLoader(
      roomArgs(getRequest(`/chat/${room.id}?revisions=1`, { cookie: coordinator.cookie }), room.id),
    )
    expect(moderated.revisions).toMatchObject({
      seq: 1,
      list: [{ change: 'delete', body: '', changedByName: a.user.name }],
    })
    const minutes = await minutesLoader({
      request: getRequest(`/chat/${room.id}/minutes`, { cookie: a.cookie }),
      params: { roomId: room.id },
      context,
    })
    expect(minutes.messages).toEqual([])
  })

  it('only the room owner or a coordinator invites; a removed member loses access', async () => {
    const owner = await staff()
    const member = await staff()
    const newcomer = await staff()
    const room = await makeChatRoom(db, { memberIds: [owner.user.id, member.user.id] })
    expect(
      statusOf(
        await settle(() =>
          roomAction(
            roomArgs(
              formRequest(
                `/chat/${room.id}`,
                { intent: 'invite', userIds: [newcomer.user.id] },
                { cookie: member.cookie },
              ),
              room.id,
            ),
          ),
        ),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          roomAction(
            roomArgs(
              formRequest(
                `/chat/${room.id}`,
                { intent: 'invite', userIds: [newcomer.user.id] },
                { cookie: owner.cookie },
              ),
              room.id,
            ),
          ),
        ),
      ),
    ).toBe(302)
    expect(
      statusOf(
        await settle(() => roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: newcomer.cookie }), room.id))),
      ),
    ).toBe(200)
    await roomAction(
      roomArgs(
        formRequest(`/chat/${room.id}`, { intent: 'remove', userId: newcomer.user.id }, { cookie: owner.cookie }),
        room.id,
      ),
    )
    expect(
      statusOf(
        await settle(() => roomLoader(roomArgs(getRequest(`/chat/${room.id}`, { cookie: newcomer.cookie }), room.id))),
      ),
    ).toBe(403)
  })
})

describe('minutes and retention', () => {
  it('posts the minutes to the case thread, quoting messages by institution', async () => {
    const author = await staff()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    const room = await makeChatRoom(db, { memberIds: [author.user.id], caseId: thread.id, title: 'Конференция' })
    await appendChatMessages(db, room.id, [
      { authorId: author.user.id, body: 'Училището ще осигури учебници.' },
      { authorId: author.user.id, body: 'Посещение в четвъртък.' },
    ])
    const result = await settle(() =>
      minutesAction({
        request: formRequest(
          `/chat/${room.id}/minutes`,
          { summary: 'Решения: училището осигурява учебници; посещение в четвъртък.', seq: ['1', '2'] },
          { cookie: author.cookie },
        ),
        params: { roomId: room.id },
        context,
      }),
    )
    expect(statusOf(result)).toBe(302)
    const [reply] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    expect(reply.bodyText).toContain('Решения: училището осигурява учебници')
    expect(reply.bodyText).toContain('Училището ще осигури учебници.')
    expect(reply.bodyText).not.toContain(author.user.name)
  })

  it('refuses minutes with personal data and keeps the form', async () => {
    const author = await staff()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    const room = await makeChatRoom(db, { memberIds: [author.user.id], caseId: thread.id })
    const result = await minutesAction({
      request: formRequest(
        `/chat/${room.id}/minutes`,
        { summary: 'Обадете се на 0888 123 456.' },
        { cookie: author.cookie },
      ),
      params: { roomId: room.id },
      context,
    })
    expect(statusOf(result)).toBe(422)
    expect(payloadOf<{ values: Record<string, string> }>(result).values.summary).toBe('Обадете се на 0888 123 456.')
    expect(await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))).toHaveLength(0)
  })

  it('erases messages a year after the case is closed, and keeps rooms of open cases', async () => {
    const author = await staff()
    const closedLongAgo = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    await db
      .update(caseThreads)
      .set({ status: 'closed', statusChangedAt: new Date(Date.now() - 400 * 24 * 3600 * 1000) })
      .where(eq(caseThreads.id, closedLongAgo.id))
    const stillOpen = await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.user.institutionId,
      createdAt: new Date(Date.now() - 800 * 24 * 3600 * 1000),
    })
    const expired = await makeChatRoom(db, { memberIds: [author.user.id], caseId: closedLongAgo.id })
    const kept = await makeChatRoom(db, { memberIds: [author.user.id], caseId: stillOpen.id })
    const longer = await makeChatRoom(db, { memberIds: [author.user.id], caseId: closedLongAgo.id, retentionDays: 730 })
    for (const r of [expired, kept, longer])
      await appendChatMessages(db, r.id, [{ authorId: author.user.id, body: 'Текст' }])

    await eraseExpiredConversations()
    const remaining = async (roomId: string) =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(chatMessages)
          .where(eq(chatMessages.roomId, roomId))
      )[0].n
    expect(await remaining(expired.id)).toBe(0)
    expect(await remaining(kept.id)).toBe(1)
    expect(await remaining(longer.id)).toBe(1)
    const [room] = await db.select().from(chatRooms).where(eq(chatRooms.id, expired.id))
    expect(room.erasedAt).not.toBeNull()
  })

  it('erases the conversation of a case that ended resolved as well, and keeps a reopened one', async () => {
    const author = await staff()
    const finishedAt = new Date(Date.now() - 400 * 24 * 3600 * 1000)
    const resolved = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    await db
      .update(caseThreads)
      .set({ status: 'resolved', outcome: 'returned_to_school', statusChangedAt: finishedAt })
      .where(eq(caseThreads.id, resolved.id))
    const reopened = await makeCase(db, { authorId: author.user.id, institutionId: author.user.institutionId })
    await db
      .update(caseThreads)
      .set({ status: 'in_progress', statusChangedAt: finishedAt })
      .where(eq(caseThreads.id, reopened.id))
    const gone = await makeChatRoom(db, { memberIds: [author.user.id], caseId: resolved.id })
    const kept = await makeChatRoom(db, { memberIds: [author.user.id], caseId: reopened.id })
    for (const r of [gone, kept]) await appendChatMessages(db, r.id, [{ authorId: author.user.id, body: 'Текст' }])

    await eraseExpiredConversations()
    const remaining = async (roomId: string) =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(chatMessages)
          .where(eq(chatMessages.roomId, roomId))
      )[0].n
    expect(await remaining(gone.id)).toBe(0)
    expect(await remaining(kept.id)).toBe(1)
    expect((await db.select().from(chatRooms).where(eq(chatRooms.id, gone.id)))[0].erasedAt).not.toBeNull()
  })
})
