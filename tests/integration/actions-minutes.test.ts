import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { homeActions, sofiaToday } from '../../app/features/actions/actions.server'
import { action as minutesAction, loader as minutesLoader } from '../../app/routes/chat.$roomId_.minutes'
import { caseActions, caseReplies, chatMembers, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const inDays = (n: number) => sofiaToday(new Date(Date.now() + n * 86400_000))

async function conference() {
  const school = await makeInstitution(db, { kind: 'school' })
  const social = await makeInstitution(db, { kind: 'social_assistance' })
  const mediators = await makeInstitution(db, { kind: 'municipality' })
  const writer = await makeUser(db, { institutionId: school.id })
  const mediator = await makeUser(db, { institutionId: mediators.id })
  const socialWorker = await makeUser(db, { institutionId: social.id })
  const thread = await makeCase(db, {
    authorId: writer.id,
    institutionId: school.id,
    involvedInstitutionIds: [social.id, mediators.id],
  })
  const room = await makeChatRoom(db, { memberIds: [writer.id, mediator.id, socialWorker.id], caseId: thread.id })
  return { school, social, writer, mediator, socialWorker, thread, room, cookie: await sessionCookieFor(writer.id) }
}

const post = (roomId: string, fields: Record<string, string | string[]>, cookie: string) =>
  settle(() =>
    minutesAction({ request: formRequest(`/chat/${roomId}/minutes`, fields, { cookie }), params: { roomId }, context }),
  )

describe('conference minutes → actions', () => {
  it('turns three lines of the minutes into three actions with owners and dates; each owner is told', async () => {
    const c = await conference()
    const page = await minutesLoader({
      request: getRequest(`/chat/${c.room.id}/minutes`, { cookie: c.cookie }),
      params: { roomId: c.room.id },
      context,
    })
    expect(page.actionOwners?.institutions.map((i) => i.id)).toContain(c.social.id)

    const result = await post(
      c.room.id,
      {
        summary: 'Решения от срещата по случая.',
        'action-1-text': 'Домашно посещение от медиатора',
        'action-1-owner': `user:${c.mediator.id}`,
        'action-1-due': inDays(3),
        'action-2-text': 'Училището осигурява учебници',
        'action-2-owner': `institution:${c.school.id}`,
        'action-2-due': inDays(5),
        'action-3-text': 'ОЗД оценява потребностите',
        'action-3-owner': `institution:${c.social.id}`,
        'action-3-due': inDays(14),
        'action-4-text': '',
        'action-4-owner': '',
        'action-4-due': '',
      },
      c.cookie,
    )
    expect(statusOf(result)).toBe(302)
    const [reply] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, c.thread.id))
    const actions = await db.select().from(caseActions).where(eq(caseActions.caseId, c.thread.id))
    expect(actions).toHaveLength(3)
    expect(actions.every((a) => a.replyId === reply.id && a.roomId === c.room.id)).toBe(true)
    expect(actions.map((a) => a.text).sort()).toEqual(
      ['Домашно посещение от медиатора', 'ОЗД оценява потребностите', 'Училището осигурява учебници'].sort(),
    )

    const told = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'action.assigned'),
          inArray(notifications.userId, [c.mediator.id, c.socialWorker.id, c.writer.id]),
        ),
      )
    // The writer owns the school's action too, but is never told of their own doing.
    expect(told.map((t) => t.userId).sort()).toEqual([c.mediator.id, c.socialWorker.id].sort())
    expect((await homeActions(c.mediator)).actions.map((a) => a.text)).toEqual(['Домашно посещение от медиатора'])
    expect((await homeActions(c.socialWorker)).actions.map((a) => a.text)).toEqual(['ОЗД оценява потребностите'])
  })

  it('refuses a half-filled row or personal data in an action, and posts nothing', async () => {
    const c = await conference()
    const half = await post(
      c.room.id,
      { summary: 'Решения.', 'action-2-text': 'Посещение у дома', 'action-2-owner': '', 'action-2-due': '' },
      c.cookie,
    )
    expect(statusOf(half)).toBe(400)
    expect(Object.keys(payloadOf<{ fieldErrors: object }>(half).fieldErrors).sort()).toEqual([
      'action-2-due',
      'action-2-owner',
    ])
    const personal = await post(
      c.room.id,
      {
        summary: 'Решения.',
        'action-1-text': 'Обаждане на 0888 123 456',
        'action-1-owner': `user:${c.mediator.id}`,
        'action-1-due': inDays(2),
      },
      c.cookie,
    )
    expect(statusOf(personal)).toBe(422)
    expect(Object.keys(payloadOf<{ fieldErrors: object }>(personal).fieldErrors)).toEqual(['action-1-text'])
    expect(await db.select().from(caseReplies).where(eq(caseReplies.caseId, c.thread.id))).toEqual([])
    expect(await db.select().from(caseActions).where(eq(caseActions.caseId, c.thread.id))).toEqual([])
  })

  it('offers no action rows to a room member who may not plan actions on the case', async () => {
    const c = await conference()
    const guest = await makeUser(db)
    await db.insert(chatMembers).values({ roomId: c.room.id, userId: guest.id })
    const cookie = await sessionCookieFor(guest.id)
    const page = await minutesLoader({
      request: getRequest(`/chat/${c.room.id}/minutes`, { cookie }),
      params: { roomId: c.room.id },
      context,
    })
    expect(page.actionOwners).toBeNull()
    const result = await post(
      c.room.id,
      {
        summary: 'Решения.',
        'action-1-text': 'Посещение у дома',
        'action-1-owner': `user:${c.mediator.id}`,
        'action-1-due': inDays(2),
      },
      cookie,
    )
    expect(statusOf(result)).toBe(403)
    expect(await db.select().from(caseReplies).where(eq(caseReplies.caseId, c.thread.id))).toEqual([])
  })

  it('"one more row" brings the form back as sent with an empty sixth row; the added rows are posted too', async () => {
    const c = await conference()
    const typed = {
      summary: 'Решения от срещата по случая.',
      seq: ['1', '2'],
      'action-1-text': 'Домашно посещение от медиатора',
      'action-1-owner': `user:${c.mediator.id}`,
      'action-1-due': inDays(3),
      ...Object.fromEntries(
        [2, 3, 4, 5].flatMap((r) => [`action-${r}-text`, `action-${r}-owner`, `action-${r}-due`].map((k) => [k, ''])),
      ),
    }
    const more = await post(c.room.id, { ...typed, intent: 'action-row' }, c.cookie)
    expect(statusOf(more)).toBe(200)
    const answer = payloadOf<{ actionRows: number; values: Record<string, unknown>; fieldErrors: object }>(more)
    expect(answer.actionRows).toBe(6)
    expect(answer.fieldErrors).toEqual({})
    expect(answer.values).toMatchObject({
      summary: typed.summary,
      seq: ['1', '2'],
      'action-1-owner': `user:${c.mediator.id}`,
    })
    // Nothing was posted, nothing was planned.
    expect(await db.select().from(caseReplies).where(eq(caseReplies.caseId, c.thread.id))).toEqual([])

    // Again from six rows: seven. The seventh row, filled in, becomes an action; a row past the maximum is ignored.
    const again = await post(c.room.id, { ...typed, 'action-6-text': '', intent: 'action-row' }, c.cookie)
    expect(payloadOf<{ actionRows: number }>(again).actionRows).toBe(7)
    const posted = await post(
      c.room.id,
      {
        ...typed,
        'action-7-text': 'ОЗД оценява потребностите',
        'action-7-owner': `institution:${c.social.id}`,
        'action-7-due': inDays(14),
        'action-31-text': 'Извън формата',
        'action-31-owner': `institution:${c.social.id}`,
        'action-31-due': inDays(14),
      },
      c.cookie,
    )
    expect(statusOf(posted)).toBe(302)
    const actions = await db.select().from(caseActions).where(eq(caseActions.caseId, c.thread.id))
    expect(actions.map((a) => a.text).sort()).toEqual(['Домашно посещение от медиатора', 'ОЗД оценява потребностите'])

    // An error on an added row comes back on that row's field.
    const refused = await post(c.room.id, { ...typed, 'action-8-text': 'Без отговорник' }, c.cookie)
    expect(statusOf(refused)).toBe(400)
    expect(Object.keys(payloadOf<{ fieldErrors: object }>(refused).fieldErrors)).toEqual(
      expect.arrayContaining(['action-8-owner', 'action-8-due']),
    )
  })
})
