import { describe, expect, it } from 'vitest'

import { getSessionUser } from '../../app/features/identity/session.server'
import { navBadges, sessionUserAndBadges } from '../../app/features/platform/nav.server'
import { inRequestScope } from '../../app/features/platform/request-scope.server'
import { loader as rootLoader } from '../../app/root'
import { caseWatchers, notifications } from '../../db/schema'
import { makeCase, makeReplies } from '../../seed/builders/cases'
import { appendChatMessages, makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, getRequest, payloadOf, sessionCookieFor } from '../support/http'

/** A user with one unread notification, two unread chat messages and one watched case with unread replies. */
async function busyUser(role: 'staff' | 'coordinator') {
  const user = await makeUser(db, { role })
  const colleague = await makeUser(db, { role: 'staff' })
  await db.insert(notifications).values({ userId: user.id, kind: 'test', messageKey: 'notifications.test', url: '/' })
  const room = await makeChatRoom(db, { memberIds: [user.id, colleague.id] })
  await appendChatMessages(db, room.id, [
    { authorId: colleague.id, body: 'Първо съобщение' },
    { authorId: colleague.id, body: 'Второ съобщение' },
  ])
  const watched = await makeCase(db, { authorId: colleague.id, institutionId: colleague.institutionId })
  await makeReplies(db, watched.id, [{ authorId: colleague.id, text: 'Семейството прие посещението.' }])
  await db.insert(caseWatchers).values({ caseId: watched.id, userId: user.id })
  return { user, cookie: await sessionCookieFor(user.id) }
}

describe("the header's counters", () => {
  it('are read with the session in one statement, and agree with the counters read on their own', async () => {
    await makeUser(db, { status: 'pending' })
    for (const role of ['staff', 'coordinator'] as const) {
      const { user, cookie } = await busyUser(role)
      const page = payloadOf<{ user: { id: string }; badges: Record<string, number> }>(
        await rootLoader({ request: getRequest('/', { cookie }), params: {}, context }),
      )
      expect(page.user.id).toBe(user.id)
      expect(page.badges).toMatchObject({ notifications: 1, chat: 2, cases: 1 })
      const sessionUser = await getSessionUser(getRequest('/', { cookie }))
      expect(page.badges).toEqual(await navBadges(sessionUser))
      // Only those who may approve accounts count the waiting ones.
      if (role === 'coordinator') expect(page.badges.approvals).toBeGreaterThan(0)
      else expect(page.badges.approvals).toBe(0)
    }
  })

  it('are read on their own when the request has already read its session', async () => {
    const { user, cookie } = await busyUser('staff')
    const request = getRequest('/', { cookie })
    const result = await inRequestScope('GET', async () => {
      await getSessionUser(request)
      return sessionUserAndBadges(request)
    })
    expect(result.user?.id).toBe(user.id)
    expect(result.badges).toMatchObject({ notifications: 1, chat: 2, cases: 1, approvals: 0 })
  })

  it('are empty for a visitor who is not signed in, or whose session has ended', async () => {
    expect(await sessionUserAndBadges(getRequest('/'))).toEqual({
      user: null,
      badges: { notifications: 0, chat: 0, approvals: 0, cases: 0 },
    })
    const stale = await sessionUserAndBadges(getRequest('/', { cookie: 'iwb_session=not-a-session' }))
    expect(stale.user).toBeNull()
  })
})
