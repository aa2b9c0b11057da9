import { beforeAll, describe, expect, it } from 'vitest'

import type { HomeBlockData } from '../../app/features/home/types'
import * as home from '../../app/routes/_index'
import * as parents from '../../app/routes/parents'
import { notifications } from '../../db/schema'
import { makeCase, makeReplies } from '../../seed/builders/cases'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeEvent, makeRegistration } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { makeCourse, makeEnrolment } from '../../seed/builders/training'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor } from '../support/http'

const MINUTE = 60_000
const args = (request: Request) => ({ request, params: {}, context })

async function blocksFor(cookie?: string) {
  const data = (await home.loader(args(getRequest('/', { cookie })))) as { blocks: HomeBlockData[] }
  return new Map(data.blocks.map((b) => [b.id, b]))
}
const hrefs = (block: HomeBlockData | undefined) => (block?.items ?? []).map((i) => i.href)

describe('the signed-out home page', () => {
  it('lists the next open days with free seats (a full one is left out) and recent practices', async () => {
    const school = await makeInstitution(db, { kind: 'school' })
    const author = await makeUser(db, { institutionId: school.id })
    const soon = new Date(Date.now() + 5 * MINUTE)
    const { event: open } = await makeEvent(db, { organiserInstitutionId: school.id, sessions: [{ startsAt: soon }] })
    const { event: full, sessions: fullSessions } = await makeEvent(db, {
      organiserInstitutionId: school.id,
      sessions: [{ startsAt: new Date(soon.getTime() - MINUTE), capacity: 1 }],
    })
    await db.transaction((tx) => makeRegistration(tx, { sessionId: fullSessions[0].id }))
    const { event: professionals } = await makeEvent(db, {
      organiserInstitutionId: school.id,
      audience: 'professionals',
      sessions: [{ startsAt: soon }],
    })
    const practice = await makePractice(db, { authorId: author.id, institutionId: school.id })

    const blocks = await blocksFor()
    const openDays = blocks.get('open-days')!
    expect(hrefs(openDays)).toContain(`/events/${open.slug}`)
    expect(hrefs(openDays)).not.toContain(`/events/${full.slug}`)
    expect(hrefs(openDays)).not.toContain(`/events/${professionals.slug}`)
    const item = openDays.items.find((i) => i.href === `/events/${open.slug}`)!
    expect(item.note).toEqual({ key: 'home.block.openDays.free', params: { count: 40 } })
    expect(hrefs(blocks.get('recent-practices'))).toContain(`/practices/${practice.slug}`)
    // Nothing that needs an account is on a visitor's page.
    expect([...blocks.keys()].sort()).toEqual(['open-days', 'recent-practices'])
  })

  it('serves the parents page to everyone', () => {
    expect(typeof parents.default).toBe('function')
    expect(parents.meta).toBeDefined()
  })
})

describe("a signed-in colleague's home page", () => {
  let staff: Awaited<ReturnType<typeof makeUser>>
  let other: Awaited<ReturnType<typeof makeUser>>
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  beforeAll(async () => {
    const school = await makeInstitution(db, { kind: 'school' })
    staff = await makeUser(db, { institutionId: school.id })
    other = await makeUser(db, { institutionId: school.id })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: school.id })
  })

  it('lists my mentions, watched cases with new replies, conferences this week and training due, each a link', async () => {
    const watched = await makeCase(db, { authorId: staff.id, institutionId: staff.institutionId })
    await makeReplies(db, watched.id, [
      { authorId: other.id, text: 'Първи отговор.' },
      { authorId: other.id, text: 'Втори отговор.' },
    ])
    const quiet = await makeCase(db, { authorId: staff.id, institutionId: staff.institutionId })
    const [mention] = await db
      .insert(notifications)
      .values({
        userId: staff.id,
        kind: 'case.mention',
        messageKey: 'cases.notify.mention',
        params: { actor: other.name, code: watched.code },
        url: `/cases/${watched.code}`,
      })
      .returning()
    await db.insert(notifications).values({
      userId: staff.id,
      kind: 'case.reply',
      messageKey: 'cases.notify.reply',
      params: {},
      url: `/cases/${watched.code}`,
    })
    const room = await makeChatRoom(db, { memberIds: [other.id, staff.id], scheduledAt: new Date(Date.now() + MINUTE) })
    const nextMonth = await makeChatRoom(db, {
      memberIds: [other.id, staff.id],
      scheduledAt: new Date(Date.now() + 40 * 24 * 60 * MINUTE),
    })
    const notMine = await makeChatRoom(db, { memberIds: [other.id], scheduledAt: new Date(Date.now() + MINUTE) })
    const { course } = await makeCourse(db, {
      ownerId: coordinator.id,
      publish: true,
      modules: [{ lessons: [{ title: 'Урок' }] }],
    })
    await makeEnrolment(db, {
      courseId: course.id,
      userId: staff.id,
      learnerName: staff.name,
      source: 'assigned',
      dueAt: new Date(Date.now() + 3 * 24 * 60 * MINUTE),
    })

    const blocks = await blocksFor(await sessionCookieFor(staff.id))
    expect(hrefs(blocks.get('mentions'))).toEqual([`/notifications/${mention.id}`])
    const cases = blocks.get('watched-cases')!
    expect(hrefs(cases)).toEqual([`/cases/${encodeURIComponent(watched.code)}?reply=1#reply-1`])
    expect(cases.items[0].note).toEqual({ key: 'home.block.watched.unread', params: { count: 2 } })
    expect(hrefs(cases).join()).not.toContain(quiet.code)
    expect(hrefs(blocks.get('conferences'))).toContain(`/chat/${room.id}`)
    expect(hrefs(blocks.get('conferences'))).not.toContain(`/chat/${nextMonth.id}`)
    expect(hrefs(blocks.get('conferences'))).not.toContain(`/chat/${notMine.id}`)
    expect(hrefs(blocks.get('training-due'))).toEqual([`/training/courses/${course.id}`])
    // Staff have no coordinators' queue.
    expect(blocks.has('coordinator-queue')).toBe(false)
  })

  it('shows coordinators the pending approvals, flags and practice reviews', async () => {
    const pending = await makeUser(db, { status: 'pending', institutionId: staff.institutionId })
    const submitted = await makePractice(db, {
      authorId: staff.id,
      institutionId: staff.institutionId,
      status: 'submitted',
    })
    const blocks = await blocksFor(await sessionCookieFor(coordinator.id))
    const queue = blocks.get('coordinator-queue')!
    expect(
      queue.items.some((i) => i.href === '/admin/approvals' && JSON.stringify(i.label).includes(pending.name)),
    ).toBe(true)
    expect(hrefs(queue)).toContain(`/practices/${submitted.slug}`)
    expect(queue.counts?.map((c) => c.href)).toEqual([
      '/admin/approvals',
      '/cases/moderation',
      '/practices#awaiting-review',
    ])
    expect(queue.counts![0].count).toBeGreaterThanOrEqual(1)
  })
})
